--[[ paper/filter.lua: pandoc Lua filter that fills paper/report.md with generated data.

Called by `make report` (pandoc 2.17 or later) with the metadata
    datadir  where the figure data live   (default "data"; quick mode: build/quick/data)
    figdir   where the figure images live (default "figures")
    target   "html" or "pdf"; svgdir (PDF only): the figures as SVG, drawn instead of their PNGs
    quick    true in quick mode: a banner says the numbers mean nothing

What it understands in report.md, and what it turns it into:

  {{fig2:mse_cereb_fb}}         the value of key mse_cereb_fb in <datadir>/fig2/summary.tsv,
                                3 significant digits (integers in full)
  {{fig2:mse_cereb_fb:%.4f}}    the same with a printf format (%f %e %g %d), or one of the
                                names `pct` (x 100, 3 significant digits, with "%") and `int`
  {{config:fig2:train.epochs}}  the value of a configuration key in the merge record (a format
                                may follow, as for summary values: {{config:fig6:claims.learnt_error:pct}})
                                <datadir>/fig2/runs/merge.json (as the driver writes it:
                                lists "a, b", reals in their shortest round-trip text)
  {{claims:fig2}}               (alone in a paragraph) a table of <datadir>/fig2/claims.tsv
  {{allclaims}}                 (alone in a paragraph) every claim of every figure of the report
                                (the figures of its .reproduction divs, in order), each linked
                                to its figure
  {{failedclaims}}              (alone in a paragraph) the claims of the paper and the code that FAIL
                                or are UNDECIDED, linked to their figures
  {{verdicts:fig2,fig4}}        (alone in a paragraph) a list of the claims of those figures, each
                                with its source, verdict, effect, interval, seeds and stability
  {{environment}}               (alone in a paragraph) the environment of the runs, read from
                                the run records: commit, compiler, libraries, BLAS core, CPU,
                                seeds, core-seconds and wall time per figure, and whether the
                                data are the shipped reference data or were computed here
  {{summary:fig2}}              (alone in a paragraph) a table of every key of summary.tsv
  {{toc}}                       (alone in a paragraph) a list of links to the level-2 sections

  ::: {#fig:fig2 .figure source=fig2}
  caption
  :::
      a figure: the image <figdir>/fig2.png (attribute image=FILE for another file in figdir)
      with the caption "Figure N: caption. Source: `experiments/fig2.c`,
      `experiments/fig2.ini` @ <commit> (uncommitted changes: <files>); plot `figures/fig2.gp`.",
      the commit, dirty flag and dirty files read from <datadir>/fig2/runs/merge.json ("no run record" if
      there is none). A missing image becomes a visible note "Figure N not generated: run
      `make fig2`". The image is inserted by this filter, after pandoc's --extract-media
      has run, with a path relative to the working directory: pandoc runs weasyprint on a
      temporary HTML file there, and --self-contained finds it through the resource path ".".
  ![caption](FIGDIR/fig2.png){#fig:fig2 source=fig2}
      the same as a markdown image (FIGDIR replaced by <figdir>); fine for HTML, but for the
      PDF pandoc's --extract-media fetches images before any filter runs and replaces a
      FIGDIR/... image by its caption, so prefer the div form.
  @fig:fig2  or  [@fig:fig2]
      a cross-reference: becomes a link "Figure N" to that figure.

  ::: {.reproduction fig=fig3}
  ...
  :::
      the content is kept if <datadir>/fig3 holds summary.tsv or claims.tsv; otherwise it is
      replaced by a note: "not yet reproduced in this package" when experiments/fig3.c does
      not exist, "data not generated: run `make fig3`" when it does.

Passes, in order: metadata; .reproduction divs; figures and table placeholders (one pass, so
figures are numbered in document order); cross-references; {{...}} in text; contents and banner.

Anything missing (file, key, figure, reference) gives a bold "[missing: ...]" in the text and
a warning on stderr; the filter never stops the build. The run records are read as JSON by
dkjson (Debian's lua-dkjson), as the C code reads them with jansson (src/run/cc_record.h).
]]

local json = require("dkjson")

local datadir = "data"
local target = "html"   -- "html" or "pdf" (metadata target), as for paper/code.lua
local figdir = "figures"
local svgdir = nil      -- PDF only (metadata svgdir): the figures as SVG, drawn in place of the PNGs
local quick = false

local function warn(msg)
  io.stderr:write("[paper/filter.lua] warning: " .. msg .. "\n")
end

local function stringify(x)
  return pandoc.utils.stringify(x)
end

local function exists(path)
  local f = io.open(path, "r")
  if f then
    f:close()
    return true
  end
  return false
end

local function read_all(path)
  local f = io.open(path, "r")
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return s
end

local function missing(what)
  return pandoc.Strong({ pandoc.Str("[missing: " .. what .. "]") })
end

local function note_para(inlines, class)
  return pandoc.Div({ pandoc.Para(inlines) }, pandoc.Attr("", { class or "note" }))
end

-- split "a b c" into Str and Space inlines
-- Text -> Str and Space inlines; a number written a×10^e (sig3) gets its exponent as a superscript.
local function words(s)
  local out = {}
  for w in s:gmatch("%S+") do
    if #out > 0 then out[#out + 1] = pandoc.Space() end
    local mant, ex, rest = w:match("^(.-×10)%^(%-?%d+)(.*)$")
    if mant then
      out[#out + 1] = pandoc.Str(mant)
      out[#out + 1] = pandoc.Superscript({ pandoc.Str((ex:gsub("^%-", "−"))) })
      if rest ~= "" then out[#out + 1] = pandoc.Str(rest) end
    else
      out[#out + 1] = pandoc.Str(w)
    end
  end
  return out
end

local function append(dst, src)
  for _, x in ipairs(src) do dst[#dst + 1] = x end
  return dst
end

---------------------------------------------------------------------------- data files

-- Package TSV (see data/README.md): '#' comment lines, tab-separated rows, last line "# end".
-- Returns rows (lists of fields) or nil and a reason.
local tsv_cache = {}
local function read_tsv(path)
  if tsv_cache[path] ~= nil then return tsv_cache[path].rows, tsv_cache[path].err, tsv_cache[path].comments end
  local rows, err, comments = {}, nil, {}
  local text = read_all(path)
  if not text then
    rows, err = nil, "no file " .. path
  else
    local ended = false
    for line in text:gmatch("[^\n]*") do
      if line == "# end" then
        ended = true
      elseif line:sub(1, 1) == "#" then
        comments[#comments + 1] = line:gsub("^#%s*", "")
      elseif line ~= "" and line:sub(1, 1) ~= "#" then
        local fields = {}
        for field in (line .. "\t"):gmatch("([^\t]*)\t") do fields[#fields + 1] = field end
        rows[#rows + 1] = fields
      end
    end
    if not ended then rows, err = nil, path .. " has no '# end' line (incomplete file)" end
  end
  tsv_cache[path] = { rows = rows, err = err, comments = comments }
  return rows, err, comments
end

local function fig_path(fig, file)
  return datadir .. "/" .. fig .. "/" .. file
end

local function summary_value(fig, key)
  local rows, err = read_tsv(fig_path(fig, "summary.tsv"))
  if not rows then return nil, err end
  for _, r in ipairs(rows) do
    if r[1] == key then return r[2], nil, r[3] end
  end
  return nil, "no key " .. key .. " in " .. fig_path(fig, "summary.tsv")
end

-- A run record as a Lua table (nil and a warning if it is missing or not a JSON object).
local function read_record(path)
  local text = read_all(path)
  if not text then return nil end
  local rec, _, err = json.decode(text)
  if type(rec) ~= "table" then
    warn(path .. " is not a valid run record (" .. (err or "not an object") .. ")")
    return nil
  end
  return rec
end

-- The run record of the merge step: git commit, dirty flag, status, config values.
local record_cache = {}
local function merge_record(fig)
  if record_cache[fig] == nil then
    record_cache[fig] = read_record(fig_path(fig, "runs/merge.json")) or false
  end
  return record_cache[fig] or nil
end

-- A record's value as text, as the C reader gives it (cc_record_field_text): integers in
-- full, reals in their shortest round-trip text (%.15g to %.17g, as cc_out_format_double),
-- lists as "a, b"; nil for null or an object.
local function value_text(v)
  if type(v) == "string" then return v end
  if type(v) == "boolean" then return tostring(v) end
  if math.type(v) == "integer" then return string.format("%d", v) end
  if math.type(v) == "float" then
    local s
    for p = 15, 17 do
      s = string.format("%." .. p .. "g", v)
      if tonumber(s) == v then break end
    end
    return s
  end
  if type(v) == "table" then
    if #v == 0 and next(v) ~= nil then return nil end -- an object
    local items = {}
    for i, x in ipairs(v) do
      items[i] = value_text(x)
      if not items[i] then return nil end
    end
    return table.concat(items, ", ")
  end
  return nil
end

local function json_field(rec, key)
  return value_text(rec[key])
end

---------------------------------------------------------------------------- numbers

local function sig3(v)
  if v ~= v then return "NaN" end
  if v == math.huge then return "∞" end
  if v == -math.huge then return "−∞" end
  if v == math.floor(v) and math.abs(v) < 1e6 then return string.format("%d", math.floor(v)) end
  local a = math.abs(v)
  if a >= 1e-3 and a < 1e6 then
    local e = math.floor(math.log(a, 10))
    local s = string.format("%." .. math.max(0, 2 - e) .. "f", v)
    -- rounding may carry into a new digit (0.9996 -> 1.000): format once more
    local e2 = math.floor(math.log(math.abs(tonumber(s)), 10))
    if e2 ~= e then s = string.format("%." .. math.max(0, 2 - e2) .. "f", v) end
    return s
  end
  local m, e = string.format("%.2e", v):match("^(.-)e([-+]%d+)$")
  return m .. "×10^" .. tonumber(e)
end

-- Format value string `raw` with `fmt` (nil: 3 significant digits); returns inlines.
local function format_value(raw, fmt, what)
  local v = tonumber(raw)
  if v == nil then
    local l = raw:lower()
    if l == "nan" or l == "-nan" then v = 0 / 0
    elseif l == "inf" then v = math.huge
    elseif l == "-inf" then v = -math.huge
    else
      warn(what .. ": value '" .. raw .. "' is not a number")
      return { pandoc.Str(raw) }
    end
  end
  if v ~= v then warn(what .. " is NaN") end
  local s
  if fmt == nil or fmt == "" then
    s = sig3(v)
  elseif fmt == "pct" then
    s = sig3(100 * v) .. "%"
  elseif fmt == "int" then
    s = string.format("%d", math.floor(v + 0.5))
  elseif fmt:match("^%%[-+ #0]*%d*%.?%d*[dfeEgG]$") then
    if fmt:sub(-1) == "d" then v = math.floor(v + 0.5) end
    s = string.format(fmt, v)
  else
    warn(what .. ": unknown format '" .. fmt .. "'")
    s = sig3(v)
  end
  -- a×10^e -> a×10 with a superscript e
  local mant, ex = s:match("^(.-×10)%^(-?%d+)$")
  if mant then
    return { pandoc.Str((mant:gsub("^%-", "−"))), pandoc.Superscript({ pandoc.Str((ex:gsub("^%-", "−"))) }) }
  end
  return { pandoc.Str((s:gsub("^%-", "−"))) }
end

-- One placeholder body "a:b" or "a:b:c" -> inlines.
local function expand(body)
  if body == "toc" or body == "code-appendix" or body:match("^include:") then -- left for later passes
    return { pandoc.Str("{{" .. body .. "}}") }
  end
  local parts = {}
  for p in (body .. ":"):gmatch("([^:]*):") do parts[#parts + 1] = p end
  if parts[1] == "config" then
    local fig, key = parts[2], parts[3]
    if not fig or not key then warn("bad placeholder {{" .. body .. "}}"); return { missing(body) } end
    local rec = merge_record(fig)
    local v = rec and type(rec.config) == "table" and value_text(rec.config[key])
    if not v then
      warn(rec and ("no config key " .. key .. " in " .. fig_path(fig, "runs/merge.json"))
        or ("no run record " .. fig_path(fig, "runs/merge.json")))
      return { missing(body) }
    end
    if parts[4] and parts[4] ~= "" and tonumber(v) then return format_value(v, parts[4], body) end
    return { pandoc.Str(v) }
  end
  local fig, key, fmt = parts[1], parts[2], parts[3]
  if #parts > 3 then fmt = table.concat(parts, ":", 3) end
  if not fig or not key or key == "" then
    warn("bad placeholder {{" .. body .. "}}")
    return { missing(body) }
  end
  local raw, err = summary_value(fig, key)
  if not raw then
    warn(err)
    return { missing(fig .. ":" .. key) }
  end
  return format_value(raw, fmt, fig .. ":" .. key)
end

-- Replace every {{...}} of a Str; returns nil when there is none.
local function expand_str(el)
  local text = el.text
  if not text:find("{{", 1, true) then return nil end
  local out, pos = {}, 1
  while true do
    local a, b, body = text:find("{{([^{}]+)}}", pos)
    if not a then break end
    if a > pos then out[#out + 1] = pandoc.Str(text:sub(pos, a - 1)) end
    append(out, expand(body))
    pos = b + 1
  end
  if pos == 1 then return nil end
  if pos <= #text then out[#out + 1] = pandoc.Str(text:sub(pos)) end
  return out
end

-- Placeholders inside $...$: the value's text goes into the TeX source of the formula.
local function expand_math(el)
  if not el.text:find("{{", 1, true) then return nil end
  el.text = el.text:gsub("{{([^{}]+)}}", function(body)
    if body == "toc" or body == "code-appendix" or body:match("^include:") then return nil end
    return (stringify(pandoc.Span(expand(body))):gsub("−", "-"))
  end)
  return el
end

-- The build check: a placeholder left in the text (a typo, or one in a place no pass reads) stops
-- the report with the list, rather than printing "{{...}}" to the reader.
local function check_expanded(doc)
  local left = {}
  local function look(text)
    for body in text:gmatch("{{([^{}]+)}}") do
      if not (body == "toc" or body == "code-appendix" or body:match("^include:")) then left[#left + 1] = "{{" .. body .. "}}" end
    end
  end
  doc:walk({ Str = function(e) look(e.text) end, Math = function(e) look(e.text) end,
    Link = function(e) look(e.target) end, Image = function(e) look(e.src) end })
  if #left > 0 then error("paper/report.md: placeholders not expanded: " .. table.concat(left, " ")) end
  return nil
end

---------------------------------------------------------------------------- tables

local function cell(inlines)
  return { pandoc.Plain(inlines) }
end

local function make_table(caption, headers, widths, rows)
  local aligns = {}
  for i = 1, #headers do aligns[i] = pandoc.AlignLeft end
  local hs = {}
  for i, h in ipairs(headers) do hs[i] = cell(words(h)) end
  local simple = pandoc.SimpleTable(caption, aligns, widths, hs, rows)
  return pandoc.utils.from_simple_table(simple)
end

local function result_inline(r)
  local cls = (r == "PASS") and "pass" or ((r == "FAIL") and "fail" or "unknown")
  return pandoc.Span({ pandoc.Strong({ pandoc.Str(r) }) }, pandoc.Attr("", { cls }))
end

-- claims.tsv columns (cc_claims_judge): id source statement measured criterion effect ci_lo ci_hi seeds
-- stability result.
local CLAIM_HEADERS = { "claim (source)", "statement", "measured", "criterion", "effect (95 % CI), seeds, stability", "result" }
local CLAIM_WIDTHS = { 0.2, 0.2, 0.19, 0.15, 0.16, 0.1 }

local function claim_numbers(r)
  local ci = (r[7] == "NaN" or not r[7]) and "no interval" or ("[" .. sig3(tonumber(r[7])) .. ", " .. sig3(tonumber(r[8])) .. "]")
  return string.format("%s %s, %s seeds, stability %s", sig3(tonumber(r[6]) or 0 / 0), ci, r[9] or "?",
    string.format("%.2f", tonumber(r[10]) or 0 / 0))
end

-- A file of the package named in a caption: in HTML a link to its listing (listings/FILE.html,
-- written beside the report by make report), in the PDF its name.
local function code_link(f)
  if target == "html" then return pandoc.Link({ pandoc.Code(f) }, "listings/" .. f .. ".html") end
  return pandoc.Code(f)
end

-- The line of experiments/FIG.c that names a claim: its id as a string literal, or a format that
-- builds it ("figS6.%s.benefit"); nil if neither is there.
local function claim_line(fig, id)
  local f = io.open("experiments/" .. fig .. ".c", "r")
  if not f then return nil end
  local last, n, found = id:match("%.([^.]+)$"), 0, nil
  for line in f:lines() do
    n = n + 1
    if line:find('"' .. id .. '"', 1, true) then found = n; break end
    if not found and last and line:find('"' .. fig .. ".", 1, true) and line:find("." .. last .. '"', 1, true) then found = n end
  end
  f:close()
  return found
end

-- "experiments/FIG.c:LINE", where the claim is judged: in HTML a link to that line of the listing.
local function claim_code(fig, id)
  local n = claim_line(fig, id)
  if not n then return {} end
  local file = "experiments/" .. fig .. ".c"
  local text = pandoc.Code(file .. ":" .. n)
  if target == "html" then return { pandoc.LineBreak(), pandoc.Link({ text }, "listings/" .. file .. ".html#L" .. n) } end
  return { pandoc.LineBreak(), text }
end

-- One claim's row; its id links to the figure's section when link is set; below it, its source and
-- the line of the driver that judges it.
local function claim_row(fig, r, link)
  local id = pandoc.Code(r[1] or "")
  local first = { link and pandoc.Link({ id }, "#fig:" .. fig) or id, pandoc.LineBreak(), pandoc.Str("(" .. (r[2] or "?") .. ")") }
  append(first, claim_code(fig, r[1] or ""))
  return { cell(first),
    cell(words(r[3] or "")),
    cell(words(r[4] or "")), cell(words(r[5] or "")), cell(words(claim_numbers(r))), cell({ result_inline(r[11] or "?") }) }
end

-- " Criteria: the [claims] section of experiments/FIG.ini." (in HTML a link to its line), or nothing.
local function criteria_inlines(fig)
  local file = "experiments/" .. fig .. ".ini"
  local f = io.open(file, "r")
  if not f then return {} end
  local n, found = 0, nil
  for line in f:lines() do
    n = n + 1
    if line:match("^%s*%[claims%]") then found = n; break end
  end
  f:close()
  if not found then return {} end
  local where = pandoc.Code(file .. ":" .. found)
  local out = append({ pandoc.Space() }, words("The criteria's values: the [claims] section of"))
  out[#out + 1] = pandoc.Space()
  out[#out + 1] = target == "html" and pandoc.Link({ where }, "listings/" .. file .. ".html#L" .. found) or where
  out[#out + 1] = pandoc.Str(".")
  return out
end

local function claims_table(fig)
  local path = fig_path(fig, "claims.tsv")
  local rows, err, comments = read_tsv(path)
  if rows and #rows == 0 then
    local why
    for _, c in ipairs(comments) do why = why or c:match("^no claims:%s*(.*)$") end
    if why then
      return note_para(append(words("No claims to check for " .. fig .. ":"), append({ pandoc.Space() }, words(why .. "."))),
        "no-claims")
    end
    warn(path .. " holds no claim")
    return note_para({ missing("claims:" .. fig), pandoc.Space(), pandoc.Code(path), pandoc.Str(" holds no claim.") },
      "missing")
  end
  if not rows then
    warn(err)
    return note_para({ missing("claims:" .. fig), pandoc.Space(), pandoc.Str("("), pandoc.Code(path),
      pandoc.Str(" not found or incomplete)") }, "missing")
  end
  local out, npass = {}, 0
  for _, r in ipairs(rows) do
    if r[11] == "PASS" then npass = npass + 1 end
    out[#out + 1] = claim_row(fig, r, false)
  end
  local caption = words(string.format("Claims of %s checked on the generated data (%s): %d of %d pass. Source: paper "
    .. "(the paper states it), code (the authors' scripts), package (the package's own criterion). Stability: the "
    .. "fraction of bootstrap resamples of the seeds that give the same verdict; UNDECIDED below 0.9.",
    fig, path, npass, #rows))
  append(caption, criteria_inlines(fig))
  return make_table(caption, CLAIM_HEADERS, CLAIM_WIDTHS, out)
end

---------------------------------------------------------------------------- all claims, environment

local report_figs = {} -- the figures of the .reproduction divs, in document order

-- "Fig. 2" for fig2, "Fig. X1" for figX1.
local function figure_label_of(fig) return "Fig. " .. (fig:match("^fig(%w+)$") or fig) end

-- The first comment line of a table ("# Fig. 2: ..."), or nil.
local function table_title(path)
  local f = io.open(path, "r")
  if not f then return nil end
  local line = f:read("l")
  f:close()
  return line and line:match("^#%s*(.-)%s*$")
end

-- A section for a figure that has a driver (experiments/figX.c) but no .reproduction div in
-- report.md: its figure, claims and numbers as the driver wrote them, so that a new experiment
-- shows in the report with nothing edited but its three files. Placed before the chapter
-- "Adding an experiment" (or at the end).
local function generic_sections(doc, known)
  local list = io.popen("ls experiments/fig*.c 2>/dev/null")
  local blocks = {}
  for path in list:lines() do
    local fig = path:match("^experiments/(fig[%w_%-]+)%.c$")
    if fig and not known[fig] then
      report_figs[#report_figs + 1] = fig
      local rec = merge_record(fig)
      local title = (rec and type(rec.title) == "string" and rec.title) or table_title(fig_path(fig, "summary.tsv")) or fig
      title = title:gsub("^Fig%.%s*%w+:%s*", "") -- the heading names the figure already
      local body = {
        pandoc.Para(append(words("This figure has no section of its own in paper/report.md: its plot, claims and"
          .. " numbers are shown as its driver wrote them (experiments/" .. fig .. ".c, experiments/" .. fig .. ".ini)."), {})),
        pandoc.Div({ pandoc.Para(words(title)) }, pandoc.Attr("fig:" .. fig, { "figure" }, { source = fig })),
        pandoc.Para({ pandoc.Str("{{claims:" .. fig .. "}}") }),
        pandoc.Para({ pandoc.Str("{{summary:" .. fig .. "}}") }),
      }
      blocks[#blocks + 1] = pandoc.Header(3, words(figure_label_of(fig) .. ": " .. title), pandoc.Attr("generic-" .. fig))
      blocks[#blocks + 1] = pandoc.Div(body, pandoc.Attr("", { "reproduction" }, { fig = fig }))
    end
  end
  list:close()
  if #blocks == 0 then return nil end
  local at = #doc.blocks + 1
  for i, b in ipairs(doc.blocks) do
    if b.t == "Header" and b.level == 2 and b.identifier == "adding-an-experiment" then at = i; break end
  end
  for i = #blocks, 1, -1 do table.insert(doc.blocks, at, blocks[i]) end
  return doc
end

local function collect_figs(doc)
  local known = {}
  doc:walk({ Div = function(d)
    if d.classes:includes("reproduction") and d.attributes["fig"] then
      report_figs[#report_figs + 1] = d.attributes["fig"]
      known[d.attributes["fig"]] = true
    end
  end })
  return generic_sections(doc, known)
end

-- Every claim of the report: the paper's and the authors' code's in one table, the package's own
-- criteria in a second, so that a failed package criterion is never read as a failed claim of the paper.
local function all_claims_table()
  local theirs, ours, absent = {}, {}, {}
  local count = { PASS = 0, FAIL = 0, UNDECIDED = 0 }
  local pcount = { PASS = 0, FAIL = 0, UNDECIDED = 0 }
  for _, fig in ipairs(report_figs) do
    local rows = read_tsv(fig_path(fig, "claims.tsv"))
    if not rows then
      absent[#absent + 1] = fig
    else
      for _, r in ipairs(rows) do
        local c = (r[2] == "package") and pcount or count
        if c[r[11]] then c[r[11]] = c[r[11]] + 1 end
        local dst = (r[2] == "package") and ours or theirs
        dst[#dst + 1] = claim_row(fig, r, true)
      end
    end
  end
  local text = string.format("Claims of the paper and of the authors' code, checked on the data of this report "
    .. "(%d pass, %d fail, %d undecided).", count.PASS, count.FAIL, count.UNDECIDED)
  if #absent > 0 then text = text .. " No claims file (not reproduced, or data not generated): " .. table.concat(absent, ", ") .. "." end
  text = text .. " Check one with make claim ID=<claim>."
  local blocks = { make_table(words(text), CLAIM_HEADERS, CLAIM_WIDTHS, theirs) }
  if #ours > 0 then
    blocks[#blocks + 1] = make_table(words(string.format("The package's own criteria and questions (%d pass, %d fail, "
      .. "%d undecided): thresholds and cut-offs the paper does not state, chosen here to make a claim checkable, and "
      .. "the questions of the extensions; a failure here is not a failure of the paper.", pcount.PASS, pcount.FAIL,
      pcount.UNDECIDED)), CLAIM_HEADERS,
      CLAIM_WIDTHS, ours)
  end
  return pandoc.Div(blocks, pandoc.Attr("", { "all-claims" }))
end

-- The claims that did not reproduce (FAIL or UNDECIDED): id (linked to the figure, whose section says
-- what was investigated), source, statement, measured, criterion. A note when every claim passed.
local function failed_claims_table()
  local out = {}
  for _, fig in ipairs(report_figs) do
    for _, r in ipairs(read_tsv(fig_path(fig, "claims.tsv")) or {}) do
      if r[2] ~= "package" and (r[11] == "FAIL" or r[11] == "UNDECIDED") then out[#out + 1] = claim_row(fig, r, true) end
    end
  end
  if #out == 0 then
    return note_para(words("Every claim of the paper and the authors' code checked on the data of this report holds."), "no-claims")
  end
  return make_table(words("Claims that did not reproduce, or that the seeds do not settle, on the data of this report;"
      .. " the section of each figure says what was measured and investigated."), CLAIM_HEADERS, CLAIM_WIDTHS, out)
end

local function shell_line(cmd)
  local p = io.popen(cmd .. " 2>/dev/null")
  if not p then return nil end
  local s = p:read("l")
  p:close()
  return s
end

-- The report's sources: every tracked file but the committed report PDF, which is made from them.
-- The report names the last commit that changed them (not HEAD), so that the committed PDF, made
-- after that commit, is the same bytes as a rebuild at any later commit with the same sources.
local NOT_REPORT = ". ':(exclude)paper/report.pdf'"

-- Where the data of `fig` come from: the committed reference data, or this tree's runs.
local function data_origin(fig)
  local dir = fig_path(fig, "")
  if not shell_line("git ls-files --error-unmatch " .. dir .. "summary.tsv") then return "computed here" end
  if shell_line("git status --porcelain -- " .. dir) then return "computed here (differs from the shipped data)" end
  return "shipped reference data"
end

local function environment_table()
  local rows, facts = {}, {}
  local function fact(key, v) if v and v ~= "" and not facts[key] then facts[key] = v end end
  for _, fig in ipairs(report_figs) do
    local list = io.popen("ls " .. fig_path(fig, "runs") .. "/*.json 2>/dev/null")
    local n, core, longest, commit, dirty = 0, 0.0, 0.0, nil, nil
    for path in list:lines() do
      local rec = read_record(path)
      if rec then
        local is_merge = path:match("/merge%.json$")
        if not is_merge then
          n = n + 1
          local e = tonumber(json_field(rec, "elapsed_s") or "") or 0
          core = core + e
          if e > longest then longest = e end
        else
          commit = json_field(rec, "git_commit")
          dirty = rec.git_dirty
        end
        fact("compiler", json_field(rec, "compiler"))
        fact("GSL", json_field(rec, "gsl_version"))
        fact("BLAS", json_field(rec, "openblas_config") or json_field(rec, "blas"))
        fact("BLAS core", json_field(rec, "blas_core_note") or json_field(rec, "blas_core"))
        fact("vector path", json_field(rec, "simd"))
        fact("CPU", json_field(rec, "cpu"))
        fact("host", json_field(rec, "host"))
        fact("precision", json_field(rec, "precision"))
      end
    end
    list:close()
    if n > 0 or commit then
      local c = (commit or "?"):sub(1, 12) .. ((dirty == true) and " (uncommitted changes)" or "")
      rows[#rows + 1] = { cell({ pandoc.Link({ pandoc.Str(fig) }, "#fig:" .. fig) }), cell(words(tostring(n))),
        cell(words(string.format("%.0f", core))), cell(words(string.format("%.1f", longest))),
        cell({ pandoc.Code(c) }), cell(words(data_origin(fig))) }
    end
  end
  local blocks = {}
  local items = {}
  local keys = { "compiler", "GSL", "BLAS", "BLAS core", "vector path", "precision", "CPU", "host" }
  for _, k in ipairs(keys) do
    if facts[k] then items[#items + 1] = { pandoc.Plain({ pandoc.Str(k .. ":"), pandoc.Space(), pandoc.Code(facts[k]) }) } end
  end
  items[#items + 1] = { pandoc.Plain({ pandoc.Str("report built with:"), pandoc.Space(),
    pandoc.Code("pandoc " .. tostring(PANDOC_VERSION)), pandoc.Str(","), pandoc.Space(),
    pandoc.Code(shell_line("gnuplot --version") or "gnuplot ?"), pandoc.Str(", report sources as of commit"), pandoc.Space(),
    pandoc.Code(((shell_line("git log -1 --format=%H -- " .. NOT_REPORT) or "?"):sub(1, 12)) ..
      ((shell_line("git status --porcelain --untracked-files=no -- " .. NOT_REPORT) and " (uncommitted changes)") or "")) }) }
  blocks[1] = pandoc.BulletList(items)
  blocks[2] = make_table(words("Runs behind each figure, from its run records (runs/*.json): units, the units'"
      .. " elapsed seconds summed (single-threaded units, so the core-seconds they held; on a loaded machine more"
      .. " than their CPU time, which make times reports), the seconds of the longest unit (the least wall time the figure"
      .. " needs with one core per unit), the commit of the merge, and where the data come from."),
    { "figure", "units", "unit-s", "longest unit s", "commit", "data" },
    { 0.1, 0.08, 0.1, 0.1, 0.3, 0.32 }, rows)
  return pandoc.Div(blocks, pandoc.Attr("environment", { "environment" }))
end

local function summary_table(fig)
  local path = fig_path(fig, "summary.tsv")
  local rows, err = read_tsv(path)
  if not rows then
    warn(err)
    return note_para({ missing("summary:" .. fig), pandoc.Space(), pandoc.Str("("), pandoc.Code(path),
      pandoc.Str(" not found or incomplete)") }, "missing")
  end
  local out = {}
  for _, r in ipairs(rows) do
    out[#out + 1] = { cell({ pandoc.Code(r[1] or "") }), cell(format_value(r[2] or "", nil, fig .. ":" .. (r[1] or "?"))),
      cell(words(r[3] or "")) }
  end
  return make_table(words("Numbers of " .. fig .. " (" .. path .. ")."), { "key", "value", "description" },
    { 0.3, 0.15, 0.55 }, out)
end

---------------------------------------------------------------------------- figures

local fig_number = {}   -- identifier -> number
local nfig = 0


-- The label of a figure: the paper's own name for a figure the package reproduces (source fig2 ->
-- "Fig. 2", figS6 -> "Fig. S6", an extension figX1 -> "Fig. X1"), else "Figure N" in order.
local nother = 0
local function figure_label(src)
  local name = src and src:match("^fig(%w+)$")
  if name then return "Fig. " .. name end
  nother = nother + 1
  return "Figure " .. nother
end

-- Alternative text of an image: the caption as plain words, TeX commands and braces taken out.
local function alt_text(caption)
  local t = stringify(pandoc.Span(caption))
  t = t:gsub("\\(%a+)", "%1"):gsub("[{}%$\\]", ""):gsub("%^", ""):gsub("_", " ")
  return { pandoc.Str(t) }
end

local function source_inlines(src)
  local out = { pandoc.Str("Source:"), pandoc.Space() }
  local files = {}
  for _, f in ipairs({ "experiments/" .. src .. ".c", "experiments/" .. src .. ".ini" }) do
    if exists(f) then files[#files + 1] = f end
  end
  if #files == 0 then files[1] = "experiments/" .. src .. ".c" end
  for i, f in ipairs(files) do
    if i > 1 then append(out, { pandoc.Str(","), pandoc.Space() }) end
    out[#out + 1] = code_link(f)
  end
  local rec = merge_record(src)
  if not rec then
    append(out, { pandoc.Space(), pandoc.Str("(no run record)") })
  else
    local commit = json_field(rec, "git_commit") or json_field(rec, "commit") or "unknown"
    local dirty = rec.git_dirty
    if dirty == nil then dirty = rec.dirty end
    if commit:match("^%x+$") then commit = commit:sub(1, 12) end
    append(out, { pandoc.Space(), pandoc.Str("@"), pandoc.Space(), pandoc.Code(commit) })
    if dirty == true then
      -- the files that differ from that commit, as the record names them (at most three here)
      local files = type(rec.git_dirty_files) == "table" and rec.git_dirty_files or {}
      local shown = math.min(3, #files)
      local more = (tonumber(rec.git_dirty_count) or #files) - shown
      append(out, { pandoc.Space(), pandoc.Str("(uncommitted changes") })
      for i = 1, shown do
        append(out, { pandoc.Str(i == 1 and ":" or ","), pandoc.Space(), pandoc.Code(tostring(files[i])) })
      end
      if shown > 0 and more > 0 then append(out, { pandoc.Str(","), pandoc.Space(), pandoc.Str(more .. " more") }) end
      out[#out + 1] = pandoc.Str(")")
    elseif dirty ~= false then
      append(out, { pandoc.Space(), pandoc.Str("(commit state unknown)") })
    end
    local status = json_field(rec, "status")
    if status and status ~= "COMPLETED" then
      append(out, { pandoc.Space(), pandoc.Str("(run record status " .. status .. ")") })
    end
  end
  if exists("figures/" .. src .. ".gp") then
    append(out, { pandoc.Str(";"), pandoc.Space(), pandoc.Str("plot"), pandoc.Space(),
      code_link("figures/" .. src .. ".gp") })
  end
  out[#out + 1] = pandoc.Str(".")
  return out
end

-- The figure N block: the image with its numbered caption, or a visible note if the image
-- file does not exist. `caption` is a list of inlines; `path` the image file relative to the
-- working directory (nil: the image is known to be missing); `src` the figure's name.
local function figure_block(id, caption, path, src, shown_path)
  nfig = nfig + 1
  local label = figure_label(src)
  if id ~= "" then fig_number[id] = label end
  if not path or not exists(path) then
    shown_path = shown_path or path or "?"
    warn(label .. " (" .. (id ~= "" and id or shown_path) .. "): image " .. shown_path .. " not found")
    local inl = { pandoc.Strong({ pandoc.Str(label), pandoc.Space(), pandoc.Str("not"), pandoc.Space(),
      pandoc.Str("generated:") }), pandoc.Space() }
    if src then
      append(inl, { pandoc.Str("run"), pandoc.Space(), pandoc.Code("make " .. src), pandoc.Space() })
    end
    append(inl, { pandoc.Str("(expected at"), pandoc.Space(), pandoc.Code(shown_path), pandoc.Str(").") })
    if #caption > 0 then append(inl, { pandoc.LineBreak(), pandoc.Emph(caption) }) end
    return pandoc.Div({ pandoc.Para(inl) }, pandoc.Attr(id, { "missing-figure" }))
  end
  local cap = { pandoc.Str(label .. ":"), pandoc.Space() }
  append(cap, caption)
  if src then
    local last = stringify(caption)
    if last ~= "" and not last:match("[%.!?]$") then cap[#cap + 1] = pandoc.Str(".") end
    cap[#cap + 1] = pandoc.Space()
    append(cap, source_inlines(src))
  end
  if pandoc.Figure then -- pandoc 3: a real Figure block
    return pandoc.Figure({ pandoc.Plain({ pandoc.Image(alt_text(caption), path) }) }, { pandoc.Plain(cap) },
      pandoc.Attr(id, { "figure" }))
  end
  local img = pandoc.Image(cap, path, "fig:") -- pandoc 2: an implicit figure
  return pandoc.Div({ pandoc.Para({ img }) }, pandoc.Attr(id, { "figure" }))
end

-- In the PDF, <figdir>/NAME.png is drawn as <svgdir>/NAME.svg (the same plot, as vectors) when
-- that file exists; elsewhere the image stays as it is.
local function vector_image(path)
  local name = path:match("^" .. figdir:gsub("%p", "%%%0") .. "/(.+)%.png$")
  if target ~= "pdf" or not svgdir or not name then return path end
  local svg = svgdir .. "/" .. name .. ".svg"
  return exists(svg) and svg or path
end

-- ::: {#fig:fig2 .figure source=fig2}  caption  :::   (image <figdir>/fig2.png, or image=FILE)
local function figure_div(div)
  if not div.classes:includes("figure") or div.attributes["source"] == nil and div.attributes["image"] == nil then
    return nil
  end
  local src = div.attributes["source"]
  local file = div.attributes["image"] or (src .. ".png")
  local path = vector_image(figdir .. "/" .. file)
  local caption = {}
  for _, b in ipairs(div.content) do
    if b.t == "Para" or b.t == "Plain" then
      if #caption > 0 then caption[#caption + 1] = pandoc.Space() end
      append(caption, b.content)
    end
  end
  return figure_block(div.identifier, caption, path, src)
end

-- A markdown image alone in a paragraph with a non-empty caption, e.g.
-- ![caption](FIGDIR/fig2.png){#fig:fig2 source=fig2}. Works for HTML; for the PDF, pandoc's
-- --extract-media fetches images before filters run and replaces those it cannot find by their
-- caption (a Span of class "image"), which then becomes a numbered "not found" note.
local function figure_para(para)
  if #para.content ~= 1 then return nil end
  local el = para.content[1]
  if el.t == "Span" and el.classes:includes("image") then
    return figure_block("", el.content, nil, nil, "an image that pandoc could not fetch")
  end
  if el.t ~= "Image" or #el.caption == 0 then return nil end
  local path = vector_image((el.src:gsub("^FIGDIR/", figdir .. "/")))
  return figure_block(el.identifier, el.caption, path, el.attributes["source"])
end

local function crossref(cite)
  local out = {}
  for i, c in ipairs(cite.citations) do
    if not c.id:match("^fig:") then return nil end
    if i > 1 then append(out, { pandoc.Str(i == #cite.citations and " and" or ","), pandoc.Space() }) end
    local n = fig_number[c.id]
    if n then
      out[#out + 1] = pandoc.Link(words(n), "#" .. c.id)
    else
      warn("reference to unknown figure " .. c.id)
      out[#out + 1] = missing(c.id)
    end
  end
  return out
end

---------------------------------------------------------------------------- sections

local function reproduction_div(div)
  if not div.classes:includes("reproduction") then return nil end
  local fig = div.attributes["fig"]
  if not fig then
    warn("a .reproduction div without fig=...")
    return nil
  end
  if exists(fig_path(fig, "summary.tsv")) or exists(fig_path(fig, "claims.tsv")) then
    return div.content
  end
  local inl
  if exists("experiments/" .. fig .. ".c") then
    warn(fig .. ": experiments/" .. fig .. ".c exists but " .. datadir .. "/" .. fig .. " holds no data")
    inl = { pandoc.Strong(words("Data not generated.")), pandoc.Space(), pandoc.Str("Run"), pandoc.Space(),
      pandoc.Code("make " .. fig), pandoc.Space(), pandoc.Str("(writes"), pandoc.Space(),
      pandoc.Code(datadir .. "/" .. fig .. "/"), pandoc.Str(").") }
  else
    inl = { pandoc.Strong(words("Not yet reproduced in this package.")), pandoc.Space() }
    append(inl, words("There is no driver"))
    append(inl, { pandoc.Space(), pandoc.Code("experiments/" .. fig .. ".c"), pandoc.Space() })
    append(inl, words("yet: no figure, no data and no check of the claims."))
  end
  return note_para(inl, "not-reproduced")
end

-- {{verdicts:fig2,fig4}}: a bullet list of the claims of those figures, each "id (source): verdict,
-- effect [95 % interval], n seeds, stability s", the id linked to its figure: the one-page summary.
local function verdicts_list(figs)
  local items = {}
  for fig in figs:gmatch("[^,]+") do
    local rows = read_tsv(fig_path(fig, "claims.tsv"))
    if not rows then
      warn("verdicts: no claims file for " .. fig)
      items[#items + 1] = { pandoc.Plain({ missing("verdicts:" .. fig) }) }
    else
      for _, r in ipairs(rows) do
        local inl = { pandoc.Link({ pandoc.Code(r[1] or "?") }, "#fig:" .. fig), pandoc.Space(),
          pandoc.Str("(" .. (r[2] or "?") .. "):"), pandoc.Space(), result_inline(r[11] or "?"), pandoc.Str(";"), pandoc.Space() }
        append(inl, words((r[3] or "") .. " (" .. claim_numbers(r) .. ")."))
        items[#items + 1] = { pandoc.Plain(inl) }
      end
    end
  end
  return pandoc.BulletList(items)
end

local function block_placeholder(para)
  if #para.content ~= 1 or para.content[1].t ~= "Str" then return nil end
  if para.content[1].text == "{{allclaims}}" then return all_claims_table() end
  if para.content[1].text == "{{environment}}" then return environment_table() end
  if para.content[1].text == "{{failedclaims}}" then return failed_claims_table() end
  local figs = para.content[1].text:match("^{{verdicts:([%w_%-,]+)}}$")
  if figs then return verdicts_list(figs) end
  local kind, fig = para.content[1].text:match("^{{(%a+):([%w_%-]+)}}$")
  if kind == "claims" then return claims_table(fig) end
  if kind == "summary" then return summary_table(fig) end
  return nil
end

local function toc(doc)
  local items = {}
  for _, b in ipairs(doc.blocks) do
    if b.t == "Header" and b.level == 2 and b.identifier ~= "" then
      items[#items + 1] = { pandoc.Plain({ pandoc.Link(b.content, "#" .. b.identifier) }) }
    end
  end
  for i, b in ipairs(doc.blocks) do
    if b.t == "Para" and #b.content == 1 and b.content[1].t == "Str" and b.content[1].text == "{{toc}}" then
      doc.blocks[i] = pandoc.Div({ pandoc.BulletList(items) }, pandoc.Attr("toc", { "toc" }))
    end
  end
  if quick then
    local inl = { pandoc.Strong(words("Quick build.")), pandoc.Space() }
    append(inl, words("Every number and figure below comes from the smoke-test settings (a few epochs, few"
      .. " trials and seeds) and says nothing about the model. Run"))
    append(inl, { pandoc.Space(), pandoc.Code("make all"), pandoc.Space() })
    append(inl, words("for the real report."))
    table.insert(doc.blocks, 1, note_para(inl, "quick"))
  end
  return doc
end

---------------------------------------------------------------------------- passes

return {
  {
    Meta = function(meta)
      if meta.datadir then datadir = stringify(meta.datadir) end
      if meta.figdir then figdir = stringify(meta.figdir) end
      if meta.target then target = stringify(meta.target) end
      if meta.svgdir then svgdir = stringify(meta.svgdir) end
      if meta.quick ~= nil then
        local q = meta.quick
        quick = (q == true) or (type(q) ~= "boolean" and stringify(q) == "true")
      end
      datadir = datadir:gsub("/+$", "")
      figdir = figdir:gsub("/+$", "")
    end,
  },
  { Pandoc = collect_figs },
  { Div = reproduction_div },
  { Div = figure_div, Para = function(p) return block_placeholder(p) or figure_para(p) end },
  { Cite = crossref },
  { Str = expand_str, Math = expand_math },
  { Pandoc = toc },
  { Pandoc = check_expanded },
}
