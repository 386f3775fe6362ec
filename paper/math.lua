--[[ paper/math.lua: pandoc Lua filter that typesets every formula of the PDF report with TeX.

WeasyPrint, the PDF engine, has no MathML, and pandoc's HTML approximation of TeX (italic text with
<sub> and <sup>) staggers sub- and superscripts. For the PDF (metadata target=pdf) this filter
sets every formula with LaTeX in one run (`latex`, then `dvisvgm --no-fonts`: one page a formula,
glyphs as paths) and puts each in the text as an SVG image, sized in points and lowered by the
depth of its TeX box so that inline formulas sit on the text's baseline. The HTML keeps pandoc's
own math. Runs after paper/filter.lua (its placeholders are already in the formulas).

Metadata: target (only "pdf" does anything), mathdir (an absolute directory for the .tex, .dvi
and .svg files; the Makefile passes $(STATE)/report-math), mathscale (the body font size over
TeX's 10 pt: 0.95 for the 9.5 pt of paper/report.css's print style).
A formula TeX cannot set stops the build with TeX's message and the formula's number.
]]

local target, mathdir, scale = "html", nil, 0.95

local function stringify(x) return pandoc.utils.stringify(x) end

-- Characters a formula may carry from the text (or from a placeholder's value) and their TeX.
local UNICODE = { ["−"] = "-", ["×"] = "\\times ", ["≤"] = "\\le ", ["≥"] = "\\ge ", ["±"] = "\\pm ",
                  ["√"] = "\\surd ", ["·"] = "\\cdot ", ["…"] = "\\ldots " }
local function tex_text(t)
  for u, tex in pairs(UNICODE) do t = t:gsub(u, tex) end
  return t
end

-- The LaTeX document: formula i on page i, in a box whose width, height and depth go to the log.
local function tex_source(formulas)
  local out = {
    "\\documentclass[10pt]{article}",
    "\\usepackage{amsmath,amssymb}",
    "\\pagestyle{empty}",
    "\\hoffset=-1in \\voffset=-1in \\topmargin=0pt \\headheight=0pt \\headsep=0pt",
    "\\oddsidemargin=0pt \\topskip=0pt \\parindent=0pt \\textwidth=100cm \\textheight=100cm",
    "\\newcommand{\\mathbox}[2]{\\setbox0\\hbox{#2}%",
    "  \\special{papersize=\\the\\wd0,\\the\\dimexpr\\ht0+\\dp0\\relax}%",
    "  \\typeout{MATHBOX #1:\\the\\wd0/\\the\\ht0/\\the\\dp0}%",
    "  \\box0\\newpage}",
    "\\begin{document}",
  }
  for i, f in ipairs(formulas) do
    local text = tex_text(f.text)
    local body = f.display and ("$\\displaystyle " .. text .. "$") or ("$" .. text .. "$")
    out[#out + 1] = "\\mathbox{" .. i .. "}{" .. body .. "}"
  end
  out[#out + 1] = "\\end{document}"
  return table.concat(out, "\n") .. "\n"
end

local function run(cmd)
  local ok, _, code = os.execute(cmd)
  return ok == true or code == 0
end

local function read_all(path)
  local f = io.open(path, "r")
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return s
end

-- Typeset every formula; returns, per formula, {file, w, h, d} in TeX points.
local function typeset(formulas)
  run("mkdir -p '" .. mathdir .. "'")
  local tex = mathdir .. "/math.tex"
  local f = assert(io.open(tex, "w"))
  f:write(tex_source(formulas))
  f:close()
  local cd = "cd '" .. mathdir .. "' && "
  if not run(cd .. "latex -interaction=nonstopmode -halt-on-error math.tex >/dev/null 2>&1") then
    local log = read_all(mathdir .. "/math.log") or ""
    local msg = log:match("\n(! [^\n]*\n[^\n]*)") or "see " .. mathdir .. "/math.log"
    local n = 0
    for i in log:gmatch("MATHBOX (%d+):") do n = tonumber(i) end
    error("paper/math.lua: TeX cannot set formula " .. (n + 1) .. " (" ..
          (formulas[n + 1] and formulas[n + 1].text or "?") .. "): " .. msg)
  end
  if not run(cd .. "rm -f m-*.svg && dvisvgm --no-fonts --bbox=papersize --page=1- math.dvi -o 'm-%p.svg' >/dev/null 2>&1") then
    error("paper/math.lua: dvisvgm failed on " .. mathdir .. "/math.dvi")
  end
  local boxes = {}
  for i, w, h, d in (read_all(mathdir .. "/math.log") or ""):gmatch("MATHBOX (%d+):([%d.]+)pt/([%d.]+)pt/([%d.]+)pt") do
    boxes[tonumber(i)] = { w = tonumber(w), h = tonumber(h), d = tonumber(d) }
  end
  -- dvisvgm numbers its pages with as many digits as the last page has
  local digits = #tostring(#formulas)
  for i = 1, #formulas do
    local b = boxes[i]
    local file = string.format("%s/m-%0" .. digits .. "d.svg", mathdir, i)
    if not b or not io.open(file, "r") then error("paper/math.lua: no image of formula " .. i) end
    b.file = file
  end
  return boxes
end

local function img(b, display)
  local style = string.format("width:%.2fpt;height:%.2fpt;vertical-align:%.2fpt", b.w * scale,
                              (b.h + b.d) * scale, -b.d * scale)
  local html = string.format('<img class="math" src="%s" alt="formula" style="%s">', b.file, style)
  if display then html = '<span class="math display">' .. html .. "</span>" end
  return pandoc.RawInline("html", html)
end

return {
  {
    Meta = function(meta)
      if meta.target then target = stringify(meta.target) end
      if meta.mathdir then mathdir = stringify(meta.mathdir) end
      if meta.mathscale then scale = tonumber(stringify(meta.mathscale)) or scale end
    end,
  },
  {
    Pandoc = function(doc)
      if target ~= "pdf" or not mathdir then return nil end
      local formulas = {}
      doc:walk({ Math = function(m) formulas[#formulas + 1] = { text = m.text, display = m.mathtype == "DisplayMath" } end })
      if #formulas == 0 then return nil end
      local boxes, i = typeset(formulas), 0
      return doc:walk({ Math = function(m) i = i + 1; return img(boxes[i], m.mathtype == "DisplayMath") end })
    end,
  },
}
