"""A document must not make LibreOffice fetch a URL or read a local file.

The hostile letters are real letters rendered by surat, edited as an attacker
would edit the .docx: a picture linked to a URL, INCLUDEPICTURE and
INCLUDETEXT fields (simple and complex), an attached template, a hyperlink;
and a picture linked to a PNG on this machine. A web server on 127.0.0.1
counts every connection it gets: it must get none.
"""

from __future__ import annotations

import http.server
import io
import re
import struct
import threading
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

import surat
from surat.letters import example_data
from surat.pdf import Converter, offline_docx

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
#: An image no letter has: the size gives it away in the PDF.
SECRET_SIZE = (37, 23)


def png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    rows = b"".join(b"\x00" + b"\xc0\x10\x10" * width for _ in range(height))
    head = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", head)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


class Counter(http.server.ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.hits: list[str] = []


class Handler(http.server.BaseHTTPRequestHandler):
    server: Counter

    def handle(self) -> None:
        self.server.hits.append(f"connection from {self.client_address[0]}")
        super().handle()

    def _answer(self) -> None:
        self.server.hits.append(f"{self.command} {self.path}")
        body = png(*SECRET_SIZE)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_HEAD = do_OPTIONS = do_PROPFIND = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[Counter]:
    srv = Counter()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()


@pytest.fixture(scope="module")
def conv() -> Iterator[Converter]:
    with Converter(workers=1) as c:
        yield c


@pytest.fixture(scope="module")
def letter() -> bytes:
    doc = surat.render("persetujuan", example_data("persetujuan"), nomor="001/PPA/XI/2026")
    return doc.docx


def linked_picture(rid: str) -> str:
    return (
        f'<w:p xmlns:wp="{WP}" xmlns:r="{R}"><w:r><w:drawing><wp:inline>'
        '<wp:extent cx="914400" cy="571500"/><wp:docPr id="9001" name="x"/>'
        f'<a:graphic xmlns:a="{A}"><a:graphicData uri="{PIC}"><pic:pic xmlns:pic="{PIC}">'
        '<pic:nvPicPr><pic:cNvPr id="9001" name="x.png"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:link="{rid}"/><a:stretch><a:fillRect/></a:stretch>'
        '</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="571500"/>'
        '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    )


def complex_field(instr: str, cached: str) -> str:
    return (
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{cached}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )


def edit(
    docx: bytes,
    body: str,
    rels: dict[str, tuple[str, str]],
    template: str = "",
    chunk: str = "",
) -> bytes:
    """*docx* with *body* at the start of the document, *rels* (id: (type, target),
    all external) added to the document's relationships, an attached template,
    and an HTML *chunk* part (internal, relationship ``rIdA1``)."""
    src = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = re.sub(rb"(<w:body[^>]*>)", lambda m: m[1] + body.encode(), data, count=1)
            elif info.filename == "word/_rels/document.xml.rels":
                extra = "".join(
                    f'<Relationship Id="{rid}" Type="{R}/{kind}" Target="{target}" '
                    'TargetMode="External"/>'
                    for rid, (kind, target) in rels.items()
                )
                data = data.replace(b"</Relationships>", extra.encode() + b"</Relationships>")
            elif info.filename == "[Content_Types].xml" and chunk:
                data = data.replace(
                    b"</Types>", b'<Default Extension="html" ContentType="text/html"/></Types>'
                )
            elif info.filename == "word/settings.xml" and template:
                data = re.sub(
                    rb"(<w:settings[^>]*>)",
                    lambda m: m[1] + b'<w:attachedTemplate r:id="rIdT1"/><w:linkStyles/>',
                    data,
                    count=1,
                )
            if info.filename == "word/_rels/document.xml.rels" and chunk:
                data = data.replace(
                    b"</Relationships>",
                    f'<Relationship Id="rIdA1" Type="{R}/aFChunk" Target="chunk.html"/>'.encode()
                    + b"</Relationships>",
                )
            z.writestr(info, data)
        if chunk:
            z.writestr("word/chunk.html", chunk)
        if template:
            z.writestr(
                "word/_rels/settings.xml.rels",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f'<Relationship Id="rIdT1" Type="{R}/attachedTemplate" Target="{template}" '
                'TargetMode="External"/></Relationships>',
            )
    return out.getvalue()


def hostile_network(letter: bytes, port: int) -> bytes:
    base = f"http://127.0.0.1:{port}"
    body = (
        linked_picture("rIdE1")
        + f'<w:p><w:fldSimple w:instr=" INCLUDEPICTURE &quot;{base}/simple.png&quot; \\d ">'
        "<w:r><w:t>gambar lama</w:t></w:r></w:fldSimple></w:p>"
        + complex_field(f'INCLUDEPICTURE "{base}/complex.png" \\d', "gambar tersimpan")
        + complex_field(f'INCLUDETEXT "{base}/teks.docx"', "teks tersimpan")
        + complex_field(f'LINK Word.Document.12 "{base}/link.docx" "" \\a', "tautan tersimpan")
        + f'<w:p><w:hyperlink xmlns:r="{R}" r:id="rIdH1"><w:r><w:t>situs dinas</w:t></w:r>'
        "</w:hyperlink></w:p>"
        # a sub-document, a linked OLE object, and an HTML chunk whose picture is on the server
        + f'<w:p><w:subDoc xmlns:r="{R}" r:id="rIdS1"/></w:p>'
        + f'<w:p><w:r><w:object><o:OLEObject xmlns:o="urn:schemas-microsoft-com:office:office" '
        f'xmlns:r="{R}" Type="Link" ProgID="Word.Document.12" ShapeID="_x0000_i1025" '
        'DrawAspect="Content" r:id="rIdO1" UpdateMode="Always"/></w:object></w:r></w:p>'
        + f'<w:altChunk xmlns:r="{R}" r:id="rIdA1"/>'
        # ordinary fields, which stay fields
        + complex_field("PAGE", "1")
        + '<w:p><w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p>'
    )
    rels = {
        "rIdE1": ("image", f"{base}/linked.png"),
        "rIdH1": ("hyperlink", f"{base}/situs"),
        "rIdS1": ("subDocument", f"{base}/sub.docx"),
        "rIdO1": ("oleObject", f"{base}/ole.docx"),
    }
    chunk = f'<html><body><p>sisipan</p><img src="{base}/chunk.png"></body></html>'
    return edit(letter, body, rels, template=f"{base}/template.dotx", chunk=chunk)


def images(pdf: bytes) -> list[tuple[int, int]]:
    """The size of every image XObject in the PDF."""
    found = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        xobjects = page["/Resources"].get_object().get("/XObject")
        if xobjects is None:
            continue
        for ref in xobjects.get_object().values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                found.append((int(obj["/Width"]), int(obj["/Height"])))
    return found


def test_no_request_reaches_the_network(letter: bytes, server: Counter, conv: Converter) -> None:
    hostile = hostile_network(letter, server.server_address[1])
    pdf = conv.convert(hostile, "surat berbahaya")
    assert server.hits == []
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    # neutralised fields keep the text they last showed; the hyperlink stays as text
    for kept in ("gambar lama", "gambar tersimpan", "teks tersimpan", "tautan tersimpan"):
        assert kept in text
    assert "situs dinas" in text
    assert SECRET_SIZE not in images(pdf)


def hostile_file(letter: bytes, secret: Path) -> bytes:
    secret.write_bytes(png(*SECRET_SIZE))
    body = linked_picture("rIdF1") + linked_picture("rIdF2")
    hostile = edit(letter, body, {"rIdF1": ("image", secret.as_uri())})
    # the same target again, this time without TargetMode (an "internal" absolute URL)
    return hostile.replace(
        b"</Relationships>",
        f'<Relationship Id="rIdF2" Type="{R}/image" Target="{secret.as_uri()}"/>'.encode()
        + b"</Relationships>",
    )


def test_a_local_file_is_not_embedded(letter: bytes, tmp_path: Path, conv: Converter) -> None:
    pdf = conv.convert(hostile_file(letter, tmp_path / "rahasia.png"), "surat berbahaya")
    assert SECRET_SIZE not in images(pdf)
    assert images(pdf)  # the kop's emblem, embedded in the letter, is still there


def test_the_profile_alone_holds(
    letter: bytes, server: Counter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Second wall: with the documents left as they are, LibreOffice's private
    profile still fetches nothing (the soffice backend passes no load options)."""
    import surat.pdf.offline

    monkeypatch.setattr(surat.pdf.offline, "offline_parts", lambda parts: parts)
    network = hostile_network(letter, server.server_address[1])
    local = hostile_file(letter, tmp_path / "rahasia.png")
    with Converter(workers=1, backend="soffice") as conv:
        pdfs = conv.convert_many([("jaringan", network), ("berkas", local)])
    assert server.hits == []
    assert all(SECRET_SIZE not in images(pdf) for pdf in pdfs)


def test_only_hyperlinks_keep_an_external_target(letter: bytes) -> None:
    hostile = hostile_network(letter, 9)
    with zipfile.ZipFile(io.BytesIO(offline_docx(hostile, "x"))) as z:
        rels = z.read("word/_rels/document.xml.rels").decode()
        settings = z.read("word/settings.xml").decode()
        document = z.read("word/document.xml").decode()
        template_rels = z.read("word/_rels/settings.xml.rels").decode()
    assert rels.count('TargetMode="External"') == 1 and "rIdH1" in rels
    for gone in ("rIdE1", "rIdS1", "rIdO1", "rIdA1"):  # picture, sub-document, OLE, chunk
        assert gone not in rels
    assert "attachedTemplate" not in settings and "linkStyles" not in settings
    assert "External" not in template_rels
    for gone in ("INCLUDEPICTURE", "INCLUDETEXT", "LINK Word"):
        assert gone not in document
    assert 'w:instr=" NUMPAGES "' in document and "> PAGE </w:instrText>" in document


def test_a_hyperlink_target_used_as_a_picture_is_removed(letter: bytes) -> None:
    # the same relationship id, typed "hyperlink", used by a picture as well
    hostile = edit(
        letter,
        linked_picture("rIdH9") + f'<w:p><w:hyperlink xmlns:r="{R}" r:id="rIdH9"/></w:p>',
        {"rIdH9": ("hyperlink", "http://127.0.0.1:9/x.png")},
    )
    with zipfile.ZipFile(io.BytesIO(offline_docx(hostile, "x"))) as z:
        assert "rIdH9" not in z.read("word/_rels/document.xml.rels").decode()


def test_not_a_docx_is_refused_by_name() -> None:
    with pytest.raises(surat.SuratError, match=r"^surat 7: bukan \.docx yang (terbaca|sah)"):
        offline_docx(b"PK\x03\x04 nonsense", "surat 7")
    # two parts whose names differ in case only: which one LibreOffice reads is unknown
    twins = io.BytesIO()
    with zipfile.ZipFile(twins, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/_rels/document.xml.rels", "<Relationships/>")
        z.writestr("word/_rels/Document.xml.rels", "<Relationships/>")
    with pytest.raises(surat.SuratError, match=r"^surat 8: \.docx memuat nama bagian yang ambigu"):
        offline_docx(twins.getvalue(), "surat 8")
    # a zip bomb is refused before anything is inflated
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"0" * 50 * 2**20)
    with pytest.raises(surat.SuratError, match=r"^surat 9: .*bom zip"):
        offline_docx(bomb.getvalue(), "surat 9")


#: What an attacker who could write the profile seed would put there: every
#: protection of the private profile turned off.
UNSAFE_SEED = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" \
xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting">\
<prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update">\
<prop oor:name="Link" oor:op="fuse"><value>2</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting">\
<prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting">\
<prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""


@pytest.mark.parametrize("backend", ["uno", "soffice"])
def test_a_planted_seed_cannot_turn_the_profile_off(
    backend: str,
    letter: bytes,
    server: Counter,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The seed every profile is copied from gets surat's settings written over
    it: with the documents left as they are, still nothing is fetched."""
    import surat.pdf.offline
    from surat.pdf import seed, soffice_path

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    planted = seed.folder(soffice_path())
    assert planted is not None
    (planted / "user").mkdir(parents=True, mode=0o700)
    planted.chmod(0o700)
    (planted / "user" / "registrymodifications.xcu").write_text(UNSAFE_SEED)
    monkeypatch.setattr(surat.pdf.offline, "offline_parts", lambda parts: parts)
    network = hostile_network(letter, server.server_address[1])
    local = hostile_file(letter, tmp_path / "rahasia.png")
    with Converter(workers=1, backend=backend) as conv:  # type: ignore[arg-type]
        pdfs = conv.convert_many([("jaringan", network), ("berkas", local)])
        (worker,) = conv._pool  # type: ignore[attr-defined]
        assert worker.profile.seeded  # the planted seed was used
    assert server.hits == []
    assert all(SECRET_SIZE not in images(pdf) for pdf in pdfs)
