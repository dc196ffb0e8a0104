"""Reading what an executed notebook shows: text, images, HTML tables, the cells that hold them."""
import base64
import re
import struct


def find(nb, needle):
    """The code cells whose source contains needle."""
    return [c for c in nb.cells if c.cell_type == "code" and needle in c.source]


def texts(cell):
    """A cell's streams and text/plain results, joined."""
    out = []
    for o in cell.get("outputs", []):
        if o.get("output_type") == "stream":
            out.append(o.get("text", ""))
        elif "data" in o and "text/plain" in o["data"]:
            out.append(o["data"]["text/plain"] + "\n")
    return "".join(out)


def stdout_of(cell):
    """What a cell printed to stdout."""
    return "".join(o.get("text", "") for o in cell.get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == "stdout")


def pngs(cell):
    """A cell's image/png outputs (base64)."""
    return [o["data"]["image/png"] for o in cell.get("outputs", [])
            if "data" in o and "image/png" in o["data"]]


def htmls(cell):
    """A cell's text/html outputs."""
    return [o["data"]["text/html"] for o in cell.get("outputs", []) if "data" in o and "text/html" in o["data"]]


def markdowns(cell):
    """A cell's text/markdown outputs, joined."""
    return "".join(o["data"].get("text/markdown", "") for o in cell.get("outputs", []) if "data" in o)


def has_error(cell):
    """Whether a cell shows an error output."""
    return any(o.get("output_type") == "error" for o in cell.get("outputs", []))


def png_size(b64):
    """(width, height) of a base64 PNG, or None when it is not a PNG."""
    raw = base64.b64decode(b64)
    if raw[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", raw[16:24])


def html_rows(html):
    """The header cells and the body rows (lists of cell texts) of an HTML table."""
    header = [h.strip() for h in re.findall(r"<th>(.*?)</th>", html[:html.find("<tbody")], re.S)]
    body = html[html.find("<tbody"):html.find("</tbody>")] if "<tbody" in html else ""
    rows = [[c.strip() for c in re.findall(r"<td>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]
    return header, rows


def table_of(cell):
    """The header and rows of the last HTML table a cell shows."""
    html = htmls(cell)
    return html_rows(html[-1]) if html else ([], [])


#: What the teaching code never shows: a workspace, a kernel, a backend call (the engine's machinery).
MACHINERY = re.compile(r"[Ww]orkspace|NativeBackend|\bkernel\(\)|\bKernel\b|Nd4j\.get(?:Environment|Executioner|MemoryManager)")


def machinery_shown(nb):
    """The machinery (MACHINERY) that the notebook's showCode outputs show, sorted; [] when none."""
    shown = "".join(markdowns(c) for c in find(nb, "showCode(") if c.source.startswith("showCode("))
    return sorted(set(MACHINERY.findall(shown)))


def epochs_setting(nb):
    """The notebook's `int EPOCHS = N;`, or -1 when it has none."""
    cells = find(nb, "int EPOCHS")
    found = re.search(r"int EPOCHS = (\d+);", cells[0].source) if cells else None
    return int(found.group(1)) if found else -1
