--[[
An "Open in Colab" badge on every notebook page of the Quarto site (nbdev 2 adds none itself).

Listed under `filters:` in nbs/_quarto.yml. nbdev copies this file with the notebooks into _proc/, and Quarto
runs it on each page: for a page made from `<name>.ipynb` it puts a link to
https://colab.research.google.com/github/<user>/<repo>/blob/<branch>/nbs/<name>.ipynb right below the title
(nbdev turns a notebook's first `# Title` cell into the page title, so the badge is the first thing in the body;
when the title is still a level-1 heading, as with plain pandoc, the badge goes after that heading's cell).
The repository and branch come from the `colab:` metadata in nbs/_quarto.yml (`repo: user/name`, `branch:`), else
from website.repo-url / website.repo-branch (nbs/nbdev.yml, which nbdev writes from settings.ini).
tests/test_docs.py checks the metadata against settings.ini and runs this filter with pandoc.
--]]

local BADGE = "https://colab.research.google.com/assets/colab-badge.svg"

local function input_file()
  if quarto ~= nil and quarto.doc ~= nil and quarto.doc.input_file ~= nil then return quarto.doc.input_file end
  if PANDOC_STATE ~= nil and PANDOC_STATE.input_files ~= nil then return PANDOC_STATE.input_files[1] end
  return nil
end

local function meta_string(v)
  if v == nil then return nil end
  return pandoc.utils.stringify(v)
end

function Pandoc(doc)
  local path = input_file()
  if path == nil then return doc end
  local name = path:match("([^/\\]+)%.ipynb$")
  if name == nil then return doc end                      -- only pages made from notebooks
  local colab = doc.meta.colab or {}
  local site = doc.meta.website or {}
  local repo = meta_string(colab.repo)
  if repo == nil then
    local repo_url = meta_string(site["repo-url"])
    if repo_url == nil then return doc end
    repo = repo_url:gsub("/+$", ""):match("github%.com/(.+)$")
    if repo == nil then return doc end
  end
  local branch = meta_string(colab.branch) or meta_string(site["repo-branch"]) or "main"
  local url = "https://colab.research.google.com/github/" .. repo .. "/blob/" .. branch .. "/nbs/" .. name .. ".ipynb"
  local badge = pandoc.Para({pandoc.Link({pandoc.Image({pandoc.Str("Open In Colab")}, BADGE)}, url)})
  -- After a level-1 title still in the body (plain pandoc; there each notebook cell is a Div), else first.
  local first = doc.blocks[1]
  local at = 1
  if first ~= nil and first.t == "Header" and first.level == 1 then at = 2 end
  if first ~= nil and first.t == "Div" and #first.content > 0 and first.content[1].t == "Header"
     and first.content[1].level == 1 then at = 2 end
  table.insert(doc.blocks, at, badge)
  return doc
end
