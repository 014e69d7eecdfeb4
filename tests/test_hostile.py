# ruff: noqa: E501  # data tables of hostile pages and links read better one per line
"""Hostile input: every link, page and file gets one clear line (exit 2) or a digest, within
20 s and 500 MB, and nothing ever connects to a refused address.

Runs the CLI in-process (`cli.main`) against the loopback article server, with an injected
resolver: `*.test` names resolve to 127.0.0.1 ("the internet"); 127.0.0.2 is an internal host
where a canary server listens. Run with: `pytest -q tests/test_hostile.py`.
"""

from __future__ import annotations

import json
import random
import re
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest

from bot import cli
from bot.config import Settings
from bot.fetch import Fetcher
from bot.parse import pipeline
from bot.summarise.extractive import NO_SENTENCES
from tests.conftest import EXAMPLE_PAGE
from tests.fakes.articles import ArticleServer, Page
from tests.fakes.network import INTERNAL, PUBLIC, FakeDNS, Recorder, policy

MAX_CPU_SECONDS = 20  # the work a page may cost, whatever else the machine is doing
MAX_RSS_MB = 500
LIMIT = 2_000_000  # NEWSBOT_MAX_PAGE_BYTES here: bombs and big pages must stop at it
DIGEST = "digest"


# -- pages ----------------------------------------------------------------------------------


def html(
    paragraphs: list[str], title: str = "Council approves bridge repairs", head: str = ""
) -> str:
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (
        f"<!doctype html><html><head><title>{title}</title>{head}</head><body>"
        f"<article><h1>{title}</h1>{body}</article></body></html>"
    )


def story(n: int = 8) -> list[str]:
    return [
        f"The city council voted {n + i} to {i} on Monday to spend 3.{i} million pounds on "
        f"repairs to the old river bridge, which has been closed to lorries since March. "
        f"“We cannot wait another winter,” said councillor Maria Lopez, who chairs the "
        f"transport committee. Work on section {i} is due to start in the spring."
        for i in range(n)
    ]


JAPANESE = [f"市議会は月曜日、古い橋の修理に{i}億円を充てる予算案を可決した。工事は春に始まる予定で、住民は通行止めに備えている。" * 2 for i in range(1, 9)]  # fmt: skip
CHINESE = [f"市议会周一批准了一项预算，将{i}亿元用于修复老旧桥梁。工程预计春季开工，居民正在为封路做准备。" * 2 for i in range(1, 9)]  # fmt: skip
KOREAN = [f"시의회는 월요일 낡은 다리를 고치는 데 {i}억 원을 쓰는 예산안을 통과시켰다. 공사는 봄에 시작될 예정이며 주민들은 통행 제한에 대비하고 있다." * 2 for i in range(1, 9)]  # fmt: skip
RUSSIAN = [f"Городской совет в понедельник утвердил бюджет в {i} миллиона на ремонт старого моста. Работы начнутся весной, и жители готовятся к перекрытию движения." * 2 for i in range(1, 9)]  # fmt: skip


def gz(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    return packer.compress(data) + packer.flush()


@cache
def zeros_gz(megabytes: int) -> bytes:
    """Gzipped zeros, built a megabyte at a time (never the whole bomb in memory)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    mb = b"\0" * 1_000_000
    return b"".join(packer.compress(mb) for _ in range(megabytes)) + packer.flush()


def junk(n: int) -> bytes:
    return random.Random(n).randbytes(n)


def served() -> dict[str, Page]:
    example = EXAMPLE_PAGE.read_bytes()
    article = html(story()).encode()
    big = html(
        story(3) + [f"Part {i} " + " ".join(["word"] * 200) + "." for i in range(600)]
    ).encode()  # ~120k words, 0.7 MB
    quotes = "".join(f"“Quote number {i} is here,” said Person {i}. " for i in range(5000))
    figures = " ".join(f"Item {i} cost {i}.5 million pounds, up {i}%." for i in range(4000))
    dotted = ("Fares rose 1 2 3 4 5 6 7 8 9 " + "ab." * 1600 + "b. ") * 150
    nested = "<div>" * 20000 + "<p>deep</p>" + "</div>" * 20000
    # thousands of <h1> links to folders and links into them: each <h1> is checked for a
    # blog's masthead (bot/metadata.py), which must not read the page's links each time
    mastheads = "".join(f'<h1><a href="/f{i}/">Blog {i}</a></h1>' for i in range(3000))
    mastheads += "".join(f'<a href="/f{i}/p.html">p</a>' for i in range(5000))
    redirect = {"Location": ""}
    pages = {
        "/story": Page(example),
        "/plain": Page("\n\n".join(story()).encode(), "text/plain"),
        "/no-type": Page(article, ""),
        "/gzip": Page(gz(article), headers={"Content-Encoding": "gzip"}),
        "/gzip2": Page(gz(gz(article)), headers={"Content-Encoding": "gzip, gzip"}),
        "/deflate": Page(zlib.compress(article), headers={"Content-Encoding": "deflate"}),
        "/raw-deflate": Page(
            zlib.compress(article)[2:-4], headers={"Content-Encoding": "deflate"}
        ),
        "/bomb": Page(zeros_gz(100), headers={"Content-Encoding": "gzip"}),
        "/bomb2": Page(gz(zeros_gz(100)), headers={"Content-Encoding": "gzip, gzip"}),
        "/gzip-50mb": Page(zeros_gz(50), headers={"Content-Encoding": "gzip"}),
        "/bad-gzip": Page(b"\x1f\x8b not gzip at all", headers={"Content-Encoding": "gzip"}),
        "/brotli": Page(b"\x0b\x02\x80hello", headers={"Content-Encoding": "br"}),
        "/declared-huge": Page(b"x", headers={"Content-Length": str(10**12)}),
        "/huge": Page(b"<p>" + b"word " * 600_000 + b"</p>"),
        "/slowloris": Page(article, drip_s=0.05),
        "/slow-headers": Page(article, delay_s=3.0),
        "/short-body": Page(article, headers={"Content-Length": str(len(article) + 1000)}),
        "/loop": Page(status=302, headers={"Location": "/loop"}),
        "/to-internal": Page(status=302, headers={"Location": "http://internal.test/story"}),
        "/to-meta": Page(status=301, headers={"Location": "http://169.254.169.254/latest/"}),
        "/to-nat64": Page(status=302, headers={"Location": "http://[64:ff9b::7f00:2]/"}),
        "/to-file": Page(status=302, headers={"Location": "file:///etc/passwd"}),
        "/to-js": Page(status=302, headers={"Location": "javascript:alert(1)"}),
        "/to-bad-ipv6": Page(status=302, headers={"Location": "http://[::1/"}),
        "/to-bad-port": Page(status=302, headers={"Location": "http://news.test:99999/"}),
        "/to-rebind": Page(status=302, headers={"Location": "/rebind-later"}),
        "/no-location": Page(b"", status=301, headers=redirect),
        "/pdf": Page(b"%PDF-1.7 fake", "application/pdf"),
        "/pdf-octet": Page(b"%PDF-1.4 fake", "application/octet-stream"),
        "/png": Page(b"\x89PNG\r\n\x1a\n" + junk(2000), "image/png"),
        "/png-as-html": Page(b"\x89PNG\r\n\x1a\n" + junk(20000), "text/html"),
        "/junk-html": Page(junk(200_000), "text/html"),
        "/junk-plain": Page(junk(50_000), "text/plain"),
        "/junk-utf8-declared": Page(junk(50_000), "text/html; charset=utf-8"),
        "/nul-html": Page(b"<html><body>" + b"\0" * 50_000 + b"</body></html>"),
        "/json": Page(b'{"a": 1}', "application/json"),
        "/empty": Page(b""),
        "/spaces": Page(b" \n" * 5000),
        "/punycode": Page(article, "text/html; charset=punycode"),
        "/punycode-big": Page(b"a" * 1_500_000 + b"-" + article, "text/html; charset=punycode"),
        "/meta-punycode": Page(
            html(story(), head="<meta charset='punycode'>").encode(), "text/html"
        ),
        "/utf7": Page(html(story()).encode("utf-7"), "text/html; charset=utf-7"),
        "/rot13": Page(article, "text/html; charset=rot13"),
        "/bogus-charset": Page(article, "text/html; charset=no-such-thing"),
        "/charset-quoted": Page(article, 'text/html; charset="utf-8"'),
        "/latin1-as-utf8": Page(
            html(story()).replace("pounds", "livres café").encode("latin-1", "replace"),
            "text/html; charset=utf-8",
        ),
        # a megabyte of double mojibake ("â€™" read as Latin-1 again): ftfy's worst case
        "/mojibake-big": Page(
            html(["Weâ\x80\x99re. " * 70_000, *story()]).encode().decode("latin-1").encode(),
            "text/html; charset=utf-8",
        ),
        "/shift-jis": Page(
            html(JAPANESE, "橋の修理").encode("shift_jis"), "text/html; charset=Shift_JIS"
        ),
        "/shift-jis-meta": Page(
            html(JAPANESE, "橋の修理", "<meta charset='shift_jis'>").encode("shift_jis"),
            "text/html",
        ),
        "/shift-jis-undeclared": Page(html(JAPANESE, "橋の修理").encode("shift_jis"), "text/html"),
        "/euc-jp": Page(html(JAPANESE, "橋").encode("euc_jp"), "text/html; charset=euc-jp"),
        "/gbk": Page(html(CHINESE, "桥梁").encode("gbk"), "text/html; charset=gbk"),
        "/gb2312-as-gbk": Page(html(CHINESE, "桥梁").encode("gbk"), "text/html; charset=gb2312"),
        "/big5": Page(
            html([p.replace("桥", "橋") for p in CHINESE][:0] + JAPANESE[:0] + CHINESE, "桥")
            .encode("gb18030"),
            "text/html; charset=gb18030",
        ),
        "/utf8-chinese": Page(html(CHINESE, "桥梁").encode()),
        "/euc-kr": Page(html(KOREAN, "다리").encode("euc_kr"), "text/html; charset=euc-kr"),
        "/cp1251": Page(html(RUSSIAN, "Мост").encode("cp1251"), "text/html; charset=windows-1251"),
        "/koi8-undeclared": Page(html(RUSSIAN, "Мост").encode("koi8_r"), "text/html"),
        "/utf16-bom": Page(html(story()).encode("utf-16"), "text/html"),
        "/utf8-bom": Page(b"\xef\xbb\xbf" + article),
        "/big-article": Page(big),
        "/many-quotes": Page(html([quotes[i : i + 3000] for i in range(0, len(quotes), 3000)]).encode()),
        "/one-quote-paragraph": Page(html([quotes]).encode()),
        "/many-figures": Page(html([figures]).encode()),
        "/one-huge-word": Page(html(["x" * 1_500_000]).encode()),
        # long dotted words among numbers: the web-address check reads each sentence once
        "/dotted-words": Page(html([*story(), dotted]).encode()),
        "/nested": Page(nested.encode()),
        "/many-mastheads": Page(html(story(), head="").replace("<body>", f"<body>{mastheads}").encode()),
        "/long-attr": Page(html(story(), head=f"<meta name='x' content='{'a' * 1_000_000}'>").encode()),
        "/many-scripts": Page(html(story(), head="<script>var a=1;</script>" * 20000).encode()),
        "/channel-title": Page(html(story(), "<!channel> Breaking: <https://phish.example|wall>").encode()),
        "/huge-title": Page(html(story(), "T" * 100_000).encode()),
        "/canonical-elsewhere": Page(
            html(story(), head="<link rel='canonical' href='https://elsewhere.example/other'>").encode()
        ),
        "/paywall": Page(html(["Subscribe to continue reading this story."]).encode()),
        "/login": Page(b"login", status=401),
        "/forbidden": Page(b"no", status=403),
        "/missing": Page(b"no", status=404),
        "/gone": Page(b"no", status=410),
        "/teapot": Page(b"no", status=418),
        "/rate-limited": Page(b"no", status=429),
        "/error": Page(b"no", status=500),
        "/no-content": Page(b"", status=204),
    }  # fmt: skip
    for i in range(3):  # a short chain of redirects that ends in the article
        pages[f"/hop{i}"] = Page(status=302, headers={"Location": f"/hop{i + 1}"})
    pages["/hop3"] = Page(article)
    pages["/rebind-later"] = Page(
        status=302, headers={"Location": "http://rebind2.test:{port}/story"}
    )
    return pages


# -- cases: (source, expected) where expected is DIGEST or words of the one-line error -------

PAGE_CASES = {
    "/story": DIGEST, "/plain": DIGEST, "/no-type": DIGEST, "/gzip": DIGEST, "/gzip2": DIGEST,
    "/deflate": DIGEST, "/raw-deflate": DIGEST, "/bomb": "larger than", "/bomb2": "larger than",
    "/gzip-50mb": "larger than", "/bad-gzip": "couldn't download", "/brotli": "format I can't",
    "/declared-huge": "larger than", "/huge": "larger than", "/slowloris": "too long",
    "/slow-headers": "too long", "/short-body": "couldn't download", "/loop": "redirects more",
    "/to-internal": "private or internal", "/to-meta": "private or internal",
    "/to-nat64": "private or internal", "/to-file": "can't follow", "/to-js": "can't follow",
    "/to-bad-ipv6": None, "/to-bad-port": "can't follow", "/to-rebind": DIGEST,
    "/no-location": "redirects more", "/pdf": "PDF", "/pdf-octet": "PDF",
    "/png": "image/png", "/png-as-html": "not a text page", "/junk-html": "not a text page",
    "/junk-plain": "not a text page", "/junk-utf8-declared": "not a text page",
    "/nul-html": "not a text page", "/json": "application/json", "/empty": "article",
    "/spaces": "article", "/punycode": DIGEST, "/punycode-big": None, "/meta-punycode": DIGEST,
    "/utf7": None, "/rot13": DIGEST, "/bogus-charset": DIGEST, "/charset-quoted": DIGEST,
    "/latin1-as-utf8": DIGEST, "/mojibake-big": DIGEST, "/shift-jis": DIGEST, "/shift-jis-meta": DIGEST,
    "/shift-jis-undeclared": DIGEST, "/euc-jp": DIGEST, "/gbk": DIGEST, "/gb2312-as-gbk": DIGEST,
    "/big5": DIGEST, "/utf8-chinese": DIGEST, "/euc-kr": DIGEST, "/cp1251": DIGEST,
    "/koi8-undeclared": DIGEST, "/utf16-bom": DIGEST, "/utf8-bom": DIGEST,
    "/big-article": DIGEST, "/many-quotes": DIGEST, "/one-quote-paragraph": DIGEST,
    "/many-figures": None, "/one-huge-word": None, "/dotted-words": None, "/nested": None, "/many-mastheads": DIGEST, "/long-attr": DIGEST,
    "/many-scripts": DIGEST, "/channel-title": DIGEST, "/huge-title": DIGEST,
    "/canonical-elsewhere": DIGEST, "/paywall": "paywall", "/login": "login",
    "/forbidden": "refused", "/missing": "not found", "/gone": "removed", "/teapot": "418",
    "/rate-limited": "rate-limiting", "/error": "500", "/no-content": "article", "/hop0": DIGEST,
}  # fmt: skip
# None: either answer is fine (a digest or one clear line), as long as it is bounded.

URL_CASES = {
    "http://news.test:99999/": "port", "http://news.test:abc/": "port",
    "http://[::1/": "IPv6", "http://": "not a complete link", "https:///x": "not a complete link",
    "http:///nohost": "not a complete link", "ftp://news.test/a": "Only http",
    "file:///etc/passwd": "Only http", "javascript:alert(1)": "neither a link",
    "data:text/html,<p>hi</p>": "neither a link", "gopher://news.test/": "Only http",
    "http://internal.test/story": "private or internal", "http://localhost/": "private",
    f"http://{INTERNAL}:{{canary}}/story": "private or internal",
    "http://[::1]/": "private", "http://0.0.0.0/": "private", "http://0/": "private",
    "http://10.0.0.1/": "private", "http://192.168.1.1/": "private",
    "http://172.16.0.1/": "private", "http://169.254.169.254/latest/": "private",
    "http://100.64.0.1/": "private", "http://224.0.0.1/": "private",
    "http://255.255.255.255/": "private", "http://2130706434/": "private",
    "http://0x7f000002/": "private", "http://[64:ff9b::a9fe:a9fe]/": "private",
    "http://[64:ff9b::7f00:2]/": "private", "http://[64:ff9b:1::a9fe:a9fe]/": "private",
    "http://[2002:a9fe:a9fe::]/": "private", "http://[2002:7f00:2::1]/": "private",
    "http://[::a9fe:a9fe]/": "private", "http://[::7f00:2]/": "private",
    "http://[::ffff:127.0.0.2]/": "private", "http://[::ffff:a9fe:a9fe]/": "private",
    "http://[fe80::1]/": "private", "http://[fc00::1]/": "private",
    "http://[2001:0:4136:e378:8000:63bf:80ff:fffd]/": "private",  # Teredo to 127.0.0.2
    "http://user:pw@internal.test/": "private", "http://meta.test/": "private",
    "http://split.test/": "private", "http://nowhere.invalid/": "couldn't find",
    "http://news test/": "spaces", "http://news.test/\nHost: x": "control",
    "http://news.test/" + "a" * 5000: "longer than", "http://xn--/": "find",
    "http://exa_mple..test/": "host name", "HTTP://NEWS.TEST:{port}/story": DIGEST,
    "http://rebind.test:{port}/story": DIGEST,
}  # fmt: skip

FILE_CASES = {
    "missing.html": "neither a link", "a-directory": "neither a link",
    "nul\0byte.html": "neither a link", "n" * 300 + ".html": "neither a link",
    "report.pdf": "PDF", "binary.html": "not a text page", "empty.txt": "article",
    "big.html": "larger than", "story.txt": DIGEST, "story-sjis.html": DIGEST,
}  # fmt: skip


# -- the world ------------------------------------------------------------------------------


@dataclass
class World:
    server: ArticleServer
    canary: ArticleServer
    dns: FakeDNS
    recorder: Recorder
    fetcher: Fetcher
    settings: Settings
    files: Path
    # What each source answered in `check` (a long page need not be digested twice).
    answers: dict[str, tuple[int, str, str]] = field(default_factory=dict)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    files = tmp_path_factory.mktemp("hostile")
    # The bot loads its parser once, at start (`serve` does it before taking work); a case's
    # time and memory are what that page costs, not the one-time load (~200 MB).
    pipeline("en")
    with (
        ArticleServer(served()) as server,
        ArticleServer({"/story": Page(b"secret")}, INTERNAL) as canary,
    ):
        rebind = server.pages["/rebind-later"]
        rebind.headers["Location"] = rebind.headers["Location"].format(port=server.port)
        # First answer public, then internal: httpx must not resolve again to connect.
        flip = [[PUBLIC], [INTERNAL]]
        dns = FakeDNS({
            "internal.test": [[INTERNAL]], "meta.test": [["169.254.169.254"]],
            "split.test": [[PUBLIC, INTERNAL]], "localhost": [["::1"]], "rebind3.test": flip, "rebind.test": flip, "rebind2.test": flip,
        })  # fmt: skip
        settings = Settings(
            allow_private_urls=False,
            fetch_connect_timeout_s=1.0,
            fetch_read_timeout_s=1.0,
            fetch_deadline_s=2.0,
            max_page_bytes=LIMIT,
            summariser="extractive",
            data_dir=files / "data",
            _env_file=None,  # type: ignore[call-arg]
        )
        recorder = Recorder()
        fetcher = Fetcher(settings, resolver=dns, policy=policy, transport=recorder)
        _write_files(files)
        yield World(server, canary, dns, recorder, fetcher, settings, files)


def _write_files(files: Path) -> None:
    (files / "a-directory").mkdir()
    (files / "report.pdf").write_bytes(b"%PDF-1.7")
    (files / "binary.html").write_bytes(junk(30_000))
    (files / "empty.txt").write_bytes(b"")
    (files / "big.html").write_bytes(b"x" * (LIMIT + 1))
    (files / "story.txt").write_text("\n\n".join(story()))
    (files / "story-sjis.html").write_bytes(html(JAPANESE, "橋").encode("shift_jis"))


def peak_rss_mb() -> float:
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024  # type: ignore[union-attr]


def reset_peak_rss_mb() -> float:
    """Reset the process's peak RSS (Linux: clear_refs 5), so the next peak is this case's own;
    the suite's earlier tests (torch, models) must not count against it. Returns the RSS now."""
    Path("/proc/self/clear_refs").write_text("5")
    return peak_rss_mb()


def run(world: World, source: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    rc = cli.main(["summarise", "--json", source], settings=world.settings, fetcher=world.fetcher)
    out, err = capsys.readouterr()
    return rc, out, err


def check(
    world: World, source: str, expected: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    before_mb = reset_peak_rss_mb()
    started = time.process_time()  # CPU, not wall-clock: a busy machine must not fail a case
    rc, out, err = world.answers[source] = run(world, source, capsys)
    seconds = time.process_time() - started
    assert seconds <= MAX_CPU_SECONDS, f"{source[:80]} took {seconds:.1f} s of CPU"
    grew_mb = peak_rss_mb() - before_mb
    assert grew_mb <= MAX_RSS_MB, f"peak memory grew by {grew_mb:.0f} MB"
    assert not world.recorder.refused(), "connected to a refused address"
    assert not world.canary.requests, "the internal host was reached"
    if rc == 0:
        assert expected in (DIGEST, None), f"expected an error with {expected!r}, got a digest"
        record = json.loads(out)
        # a summary, or the warning that no sentence reads as article text (a page of fragments)
        assert record["text"] and (record["summary"] or NO_SENTENCES in record["warnings"])
        return
    lines = err.strip().splitlines()
    assert rc == 2 and len(lines) == 1, f"rc={rc}: {err!r}"
    assert lines[0].startswith("newsbot: error: ") and "internal error" not in lines[0]
    assert expected != DIGEST, f"expected a digest, got: {lines[0]}"
    if expected:
        assert expected.lower() in lines[0].lower(), lines[0]


@pytest.mark.parametrize(("path", "expected"), PAGE_CASES.items(), ids=list(PAGE_CASES))
def test_page(
    world: World, path: str, expected: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    check(world, world.server.url(path).replace(f"{PUBLIC}:", "news.test:"), expected, capsys)


@pytest.mark.parametrize(("url", "expected"), URL_CASES.items(), ids=[u[:60] for u in URL_CASES])
def test_link(
    world: World, url: str, expected: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    if "{" in url:
        url = url.replace("{port}", str(world.server.port)).replace(
            "{canary}", str(world.canary.port)
        )
    check(world, url, expected, capsys)


@pytest.mark.parametrize(("name", "expected"), FILE_CASES.items(), ids=[n[:40] for n in FILE_CASES])
def test_file(
    world: World, name: str, expected: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    check(world, str(world.files / name), expected, capsys)


def test_digest_url_is_the_fetched_link_not_the_canonical_claim(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    url = world.server.url("/canonical-elsewhere")
    assert run(world, url, capsys)[0] == 0
    rc, out, _ = run(world, world.server.url("/hop0"), capsys)
    assert rc == 0 and json.loads(out)["url"] == world.server.url("/hop3")  # after redirects
    rc, out, _ = run(world, url, capsys)
    assert json.loads(out)["url"] == url


def test_long_article_is_capped_with_a_warning(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    url = world.server.url("/big-article").replace(f"{PUBLIC}:", "news.test:")
    rc, out, _ = world.answers.get(url) or run(world, url, capsys)
    record = json.loads(out)
    assert rc == 0 and any("first 20,000 words" in w for w in record["warnings"])


def test_cjk_articles_are_long_enough(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    for path in ("/shift-jis", "/utf8-chinese"):
        rc, out, err = run(world, world.server.url(path), capsys)
        assert rc == 0, err
        assert "橋" in json.loads(out)["text"] or "桥" in json.loads(out)["text"]


def test_rebinding_name_is_fetched_from_the_address_checked(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    before = dict(world.dns.lookups)
    rc, _, _ = run(world, f"http://rebind3.test:{world.server.port}/story", capsys)
    assert rc == 0
    assert world.dns.lookups["rebind3.test"] == before.get("rebind3.test", 0) + 1  # once
    assert not world.canary.requests and not world.recorder.refused()
