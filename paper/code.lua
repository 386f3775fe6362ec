--[[ paper/code.lua: pandoc Lua filter that ties the report's "Implemented by" notes to the code.

Runs after paper/filter.lua. In every `::: impl` div it looks at the inline code spans:

  `src/model/cc_model.c`        a file of the package: the files of the note
  `run_forward`                 a name defined at the start of a line of one of those files:
                                a function of the note

and, for each function found in the note's files,
  - HTML (metadata target=html): links the name to the generated listing of its file at the
    line of its definition (listings/src/model/cc_model.c.html#L300; `make report` writes the
    listings beside report.html with paper/listing.sh);
  - PDF (metadata target=pdf): links the name to its entry in the appendix and adds the file
    and line after it ("run_forward (src/model/cc_model.c:300)").

  {{include:FILE}}    (alone in a paragraph) the text of FILE as a code block, read when the
                      report is built (the worked example of "Adding an experiment").
  {{code-appendix}}   (alone in a paragraph) every function so linked, in order of first
                      mention, with its leading comment and its body as they are in src/ when
                      the report is built: text and code cannot drift apart.

Names that are not defined in the note's files (struct fields, test names, macros) are left as
they are. Definitions are found by pattern: a line starting with a type, then the name and "(",
and not ending in ";". A missing file gives a warning, never a failed build.
]]

local target = "html"
local found = {}      -- name -> { file =, line =, text =, lead = lines of leading comment }
local order = {}      -- names in order of first mention

local function warn(msg)
  io.stderr:write("[paper/code.lua] warning: " .. msg .. "\n")
end

local line_cache = {}
local function file_lines(path)
  if line_cache[path] == nil then
    local f = io.open(path, "r")
    if not f then
      line_cache[path] = false
    else
      local lines = {}
      for l in f:lines() do lines[#lines + 1] = l end
      f:close()
      line_cache[path] = lines
    end
  end
  return line_cache[path] or nil
end

local function escape_pattern(s)
  return (s:gsub("%p", "%%%0"))
end

-- The definition of `name` in `path`: its first line number and its text (leading comment,
-- signature and body up to the closing brace at column 0) and the number of comment lines before
-- its first line. nil if it is not defined there.
local function definition(path, name)
  local lines = file_lines(path)
  if not lines then return nil end
  local pat = "^[%a_][%w_ %*]*[%s%*]" .. escape_pattern(name) .. "%("
  for i, l in ipairs(lines) do
    if l:match(pat) and not l:match(";%s*$") then
      local first = i
      while first > 1 and (lines[first - 1]:match("^%s*%*") or lines[first - 1]:match("^/%*")) do
        first = first - 1
      end
      local last = i
      while last < #lines and lines[last] ~= "}" do
        if last > i and lines[last]:match(";%s*$") and lines[last + 1] == "" and not lines[i]:match("{") then
          break -- a prototype spread over lines
        end
        last = last + 1
      end
      return i, table.concat(lines, "\n", first, last), i - first
    end
  end
  return nil
end

local function is_source_file(s)
  return s:match("^src/[%w_/%.%-]+%.[ch]$") or s:match("^experiments/[%w_%.%-]+%.c$")
end

local function impl_div(div)
  if not div.classes:includes("impl") then return nil end
  local files = {}
  div:walk({ Code = function(c) if is_source_file(c.text) then files[#files + 1] = c.text end end })
  if #files == 0 then return nil end
  return div:walk({
    Code = function(c)
      local name = c.text
      if not name:match("^[%a_][%w_]*$") then return nil end
      local info = found[name]
      if not info then
        for _, f in ipairs(files) do
          if not file_lines(f) then warn("no file " .. f) end
          local line, text, lead = definition(f, name)
          if line then
            info = { file = f, line = line, text = text, lead = lead }
            found[name] = info
            order[#order + 1] = name
            break
          end
        end
      end
      if not info then return nil end
      if target == "pdf" then
        return { pandoc.Link({ pandoc.Code(name) }, "#code-" .. name),
          pandoc.Str(" (" .. info.file .. ":" .. info.line .. ")") }
      end
      return pandoc.Link({ pandoc.Code(name) }, "listings/" .. info.file .. ".html#L" .. info.line,
        info.file .. ", line " .. info.line)
    end,
  })
end

local function include(para)
  if #para.content ~= 1 or para.content[1].t ~= "Str" then return nil end
  local path = para.content[1].text:match("^{{include:([^{}]+)}}$")
  if not path then return nil end
  local lines = file_lines(path)
  if not lines then
    warn("no file " .. path)
    return pandoc.Para({ pandoc.Strong({ pandoc.Str("[missing: " .. path .. "]") }) })
  end
  local lang = path:match("%.c$") and "c" or (path:match("%.ini$") and "ini" or "")
  -- a whole file: numbered, and allowed to run over pages in the PDF (class "listing", paper/report.css)
  return pandoc.Div({ pandoc.Para({ pandoc.Code(path) }),
    pandoc.CodeBlock(table.concat(lines, "\n"), pandoc.Attr("", { lang, "numberLines" })) }, pandoc.Attr("", { "listing" }))
end

local function appendix(doc)
  for i, b in ipairs(doc.blocks) do
    if b.t == "Para" and #b.content == 1 and b.content[1].t == "Str" and b.content[1].text == "{{code-appendix}}" then
      local out = {}
      for _, name in ipairs(order) do
        local info = found[name]
        local where = pandoc.Code(info.file .. ":" .. info.line)
        if target == "html" then
          where = pandoc.Link({ where }, "listings/" .. info.file .. ".html#L" .. info.line)
        end
        out[#out + 1] = pandoc.Header(3, { pandoc.Code(name), pandoc.Space(), pandoc.Str("—"), pandoc.Space(), where },
          pandoc.Attr("code-" .. name, { "unnumbered" }))
        -- numbered from the function's first line in its file, as the listings and the captions cite it
        out[#out + 1] = pandoc.CodeBlock(info.text, pandoc.Attr("", { "c", "numberLines" },
          { startFrom = tostring(info.line - info.lead) }))
      end
      if #out == 0 then
        out[1] = pandoc.Para({ pandoc.Str("(no function was named in the notes)") })
      end
      doc.blocks[i] = pandoc.Div(out, pandoc.Attr("code-appendix", { "code-appendix" }))
    end
  end
  return doc
end

return {
  { Meta = function(meta) if meta.target then target = pandoc.utils.stringify(meta.target) end end },
  { Div = impl_div, Para = include },
  { Pandoc = appendix },
}
