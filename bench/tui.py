"""Reading app speed and memory, as ratios and limits measured in this run on this machine.

(1) Time to first paint of the seed article against an empty Textual app: each starts as a new process on a
    real pseudo-terminal (120×40), from interpreter start to the first screen written; median of RUNS.
(2) Keystroke to repaint moving to the next paragraph of a 2,000-paragraph article: from the key event to
    the screen update that follows it, p95 over KEYS presses, after the glossary is built.
(3) Resident memory of the running app on the seed article without a model, glossary built (own process).
"""

import asyncio
import fcntl
import os
import pty
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = ROOT / "seeds" / "nrc-2023-03-kernwapens-wit-rusland.txt"
RUNS = 7
KEYS = 300
TARGET_PAINT_RATIO, TARGET_KEY_P95_MS, TARGET_RSS_MB = 1.5, 50.0, 200.0


# (1) First paint, in a child process on a pseudo-terminal.
def child(kind: str, out: str) -> None:
    """Run one app until its first paint, write the wall-clock time then to `out`, and exit."""
    from textual.app import App

    def painted(app: App) -> None:
        """Record the moment the first screen is on the terminal, then leave."""
        Path(out).write_text(repr(time.time()))
        app.exit()

    if kind == "empty":
        class Empty(App):
            """An empty Textual app: the baseline."""

            def on_mount(self) -> None:
                """Leave after the first paint."""
                self.call_after_refresh(painted, self)

        Empty().run()
        return
    from reader.cli import main
    from reader.tui import app as tui

    # The reader starts its glossary and model work right after its first paint: stop there instead.
    tui.ReaderScreen.start_background_work = lambda screen: painted(screen.app)
    main([])  # `leesplank` with no file: the seed article


def first_paint(kind: str, home: str) -> float:
    """Seconds from spawning the process to its first paint, on a 120×40 pseudo-terminal."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    with tempfile.NamedTemporaryFile(suffix=".t", delete=False) as handle:
        out = handle.name
    env = {**os.environ, "LEESPLANK_HOME": home, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
    drained = threading.Thread(target=drain, args=(master,), daemon=True)
    drained.start()
    start = time.time()
    process = subprocess.Popen([sys.executable, __file__, "--child", kind, out], stdin=slave, stdout=slave,
                               stderr=slave, env=env, close_fds=True)
    process.wait(timeout=60)
    os.close(slave)
    painted = float(Path(out).read_text())
    os.unlink(out)
    os.close(master)
    return painted - start


def drain(fd: int) -> None:
    """Read and discard what the app writes, as a terminal would."""
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass


# (2) and (3), in this process with Textual's headless driver.
async def settled(pilot) -> None:
    """Wait for the glossary and the model status."""
    screen = pilot.app.screen
    while screen.glossary is None or not str(screen.query_one("#model-status").content):
        await pilot.pause(0.05)


async def keystrokes(path: Path) -> list[float]:
    """Milliseconds from each "j" to the screen update after it."""
    from reader.article import load
    from reader.store import Store
    from reader.tui.app import LeesplankApp

    app = LeesplankApp(load(str(path)), Store())
    times: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        shown: list[float] = []
        display = app._display  # the app hands each screen update to the terminal here

        def record(screen, renderable) -> None:
            display(screen, renderable)
            if renderable is not None:
                shown.append(time.perf_counter())

        app._display = record
        for _ in range(KEYS):
            await pilot.pause(0.04)  # about the key repeat rate of a held key
            shown.clear()
            start = time.perf_counter()
            await pilot.press("j")
            while not shown:
                await asyncio.sleep(0.001)
            times.append((shown[0] - start) * 1000)
        assert app.screen.block == KEYS
    return times


async def memory() -> float:
    """Resident megabytes of the running app on the seed article, glossary built, no model."""
    import psutil

    from reader.article import load
    from reader.store import Store
    from reader.tui.app import LeesplankApp

    app = LeesplankApp(load(str(SEED)), Store())
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("j", "j", "tab", "down")
        assert "leesplank model install" in str(app.screen.query_one("#model-status").content)
        return psutil.Process().memory_info().rss / 2**20


def long_article(folder: Path) -> Path:
    """A 2,000-paragraph Dutch text made of the seed article's paragraphs."""
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n\n")[1:] if len(p) > 100]
    path = folder / "lang.txt"
    text = "\n\n".join(f"{paragraphs[i % len(paragraphs)]} Alinea {i}." for i in range(2000))
    path.write_text(text, encoding="utf-8")
    return path


def verdict(met: bool) -> str:
    """How a figure compares with its target."""
    return "ok" if met else "MISSED"


def main() -> None:
    """Measure and print each figure against its target."""
    with tempfile.TemporaryDirectory() as home:
        os.environ["LEESPLANK_HOME"] = home  # no model installed, a fresh store
        for kind in ("empty", "seed"):
            first_paint(kind, home)  # warm the file cache
        empty = statistics.median(first_paint("empty", home) for _ in range(RUNS))
        seed = statistics.median(first_paint("seed", home) for _ in range(RUNS))
        ratio = seed / empty
        print(f"first paint: empty Textual app {empty * 1000:.0f} ms, seed article {seed * 1000:.0f} ms, "
              f"ratio {ratio:.2f} (target ≤ {TARGET_PAINT_RATIO}) {verdict(ratio <= TARGET_PAINT_RATIO)}")

        times = asyncio.run(keystrokes(long_article(Path(home))))
        p50, p95 = statistics.median(times), statistics.quantiles(times, n=20)[-1]
        print(f"next paragraph on a 2,000-paragraph article: p50 {p50:.1f} ms, p95 {p95:.1f} ms over {KEYS} keys "
              f"(target ≤ {TARGET_KEY_P95_MS:.0f} ms) {verdict(p95 <= TARGET_KEY_P95_MS)}")

        # In a fresh process: this one has just read the long article.
        rss = float(subprocess.run([sys.executable, __file__, "--memory"], capture_output=True, text=True,
                                   check=True).stdout)
        print(f"memory without a model: {rss:.0f} MB RSS (target ≤ {TARGET_RSS_MB:.0f} MB) "
              f"{verdict(rss <= TARGET_RSS_MB)}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3])
    elif sys.argv[1:2] == ["--memory"]:
        print(asyncio.run(memory()))
    else:
        main()
