"""Helpers of the reliability probes: generated articles as JSON Lines, index files to damage, locks to hold, a server
that does not speak HTTP."""

import fcntl
import json
import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path

PROVINCES = ["Sóc Trăng", "Đồng Tháp", "Cần Thơ", "An Giang", "Bến Tre"]


def article(number: int, body_words: int = 60, **fields) -> dict:
    """A generated article about cooperatives (words of our own, one distinct code word per article)."""
    body = " ".join(f"Hợp tác xã số {number} mở rộng sản xuất, thành viên tăng thu nhập mã{number}." for _ in range(body_words // 10))
    record = {
        "url": f"https://tin.example.vn/htx/{number}.html",
        "title": f"Hợp tác xã số {number} phát triển",
        "body": body,
        "province": PROVINCES[number % len(PROVINCES)],
        "published": f"2024-{number % 12 + 1:02d}-{number % 28 + 1:02d}T08:30:00",
    }
    return {**record, **fields}


def write_jsonl(path: Path, records) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def segment_files(data_dir: Path) -> list[Path]:
    return sorted((Path(data_dir) / "index").glob("*.seg"))


def toc_file(data_dir: Path) -> Path:
    return max((Path(data_dir) / "index").glob("_MAIN_*.toc"))


@contextmanager
def holding_write_lock(data_dir: Path):
    """Hold the data directory's writer lock as another htx process would."""
    with open(Path(data_dir) / "write.lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def wait_for(condition, timeout: float = 60.0, step: float = 0.05) -> bool:
    """Poll ``condition`` until it holds (True) or ``timeout`` seconds pass (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


def lock_is_held(data_dir: Path) -> bool:
    """True while some process holds the data directory's writer lock."""
    path = Path(data_dir) / "write.lock"
    if not path.exists():
        return False
    with open(path, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


@contextmanager
def garbage_status_server():
    """A server on 127.0.0.1 that answers every request with a line that is not HTTP; yields its base URL."""
    listener = socket.create_server(("127.0.0.1", 0))

    def answer():
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:  # closed at the end of the block
                return
            with connection:
                connection.recv(65536)
                connection.sendall(b"GARBAGE\r\n\r\n")

    threading.Thread(target=answer, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        listener.shutdown(socket.SHUT_RDWR)  # wakes the accept
        listener.close()
