"""The htx command as users run it, for what the option tests cannot see: where the demo writes, and the
progress bar a terminal gets (and a pipe does not)."""

import json
import os
import pty
import subprocess

import pytest
from conftest import HTX, run_htx

ARTICLE = {"url": "https://lmhtx.example.vn/tin/{n}", "title": "Hợp tác xã số {n} ra mắt",
           "body": "Liên minh Hợp tác xã tỉnh hỗ trợ hợp tác xã số {n} thành lập với 12 thành viên.",
           "published": "15/05/2023 08:30", "province": "Sóc Trăng"}


def _jsonl(path, count):
    lines = [json.dumps({k: v.format(n=n) for k, v in ARTICLE.items()}, ensure_ascii=False) for n in range(count)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.e2e
def test_demo_keeps_out_of_the_default_data_directory(tmp_path):
    result = run_htx("demo", env={"XDG_DATA_HOME": str(tmp_path)})
    assert f"demo data directory: {tmp_path / 'htx-demo'}" in result.stdout
    assert (tmp_path / "htx-demo" / "index").is_dir() and not (tmp_path / "htx").exists()


def _on_a_terminal(*args) -> tuple[int, str]:
    """Run htx with its stderr on a pseudo-terminal; the exit code and what the terminal was sent."""
    primary, secondary = pty.openpty()
    env = {**os.environ, "HTX_INDEX": "", "COLUMNS": "100"}
    run = subprocess.Popen([HTX, *map(str, args)], stderr=secondary, stdout=subprocess.DEVNULL, env=env)
    os.close(secondary)
    drawn = b""
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        drawn += chunk
    os.close(primary)
    return run.wait(timeout=300), drawn.decode("utf-8", "replace")


@pytest.mark.e2e
def test_crawl_shows_a_status_line_on_a_terminal_and_lines_when_piped(tmp_path):
    code, drawn = _on_a_terminal("--data-dir", tmp_path / "tty", "demo")
    assert code == 0 and "\x1b[Kcrawling" in drawn and "committed" in drawn and "[soctrang]" not in drawn
    piped = run_htx("demo", data_dir=tmp_path / "pipe")
    assert "[soctrang] committed" in piped.stderr and "crawling" not in piped.stderr


def test_index_draws_a_progress_bar_on_a_terminal_only(tmp_path):
    source = _jsonl(tmp_path / "articles.jsonl", 30)
    code, drawn = _on_a_terminal("--data-dir", tmp_path / "tty", "index", source)
    assert code == 0 and "indexing" in drawn and "30/30" in drawn
    piped = run_htx("index", source, data_dir=tmp_path / "pipe")
    assert piped.stderr == "" and piped.stdout.startswith("indexed 30 new")
