"""The glossary, built in a child process: off the UI thread and its GIL, and the dictionaries it loads
(wordfreq, simplemma, FreeDict and the compound lexicon, about 140 MB) never enter the reader's memory.

The child is `python -m reader.tui.glossary_process`. It reads a pickled (article, statuses, word_glosses,
learner_glosses) on stdin and writes pickles on stdout, in order: the warning when the text does not look Dutch (or ""),
the Glossary, and, when asked (no translation model is installed), {sentence: word-by-word gloss} for
every sentence. (multiprocessing cannot start a child while Textual holds sys.stderr: a plain subprocess.)
"""

import pickle
import subprocess
import sys
import tempfile

from glossary.model import Glossary
from reader.article import Article


class GlossaryProcess:
    """One build of an article's glossary in a child process; read its results in order (language warning,
    glossary, word glosses), or `stop()` it."""

    def __init__(self, article: Article, statuses: dict[str, str], word_glosses: bool = False,
                 learner_glosses: dict[str, str] | None = None):
        """Start building; with `word_glosses`, the child goes on to gloss every sentence word by word."""
        self._errors = tempfile.TemporaryFile()  # a file, so a chatty child can never block on a full pipe
        self._process = subprocess.Popen([sys.executable, "-m", __name__], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=self._errors)
        self._process.stdin.write(pickle.dumps((article, statuses, word_glosses, learner_glosses or {})))
        self._process.stdin.close()
        self._more = word_glosses

    def language_warning(self) -> str:
        """A warning when the text does not look Dutch, else ""."""
        return self._next()

    def glossary(self) -> Glossary:
        """The glossary, or a RuntimeError with the child's last line of error output."""
        result = self._next()
        if not self._more:
            self._process.wait()
            self._errors.close()
        return result

    def word_glosses(self) -> dict[str, str]:
        """Each sentence's word-by-word gloss (only when asked for at the start)."""
        result = self._next()
        self._process.wait()
        self._errors.close()
        return result

    def _next(self):
        """The next object the child writes."""
        try:
            return pickle.load(self._process.stdout)
        except (EOFError, pickle.UnpicklingError):
            self._process.wait()
            self._errors.seek(0)
            lines = self._errors.read().decode(errors="replace").strip().splitlines()
            self._errors.close()
            raise RuntimeError(f"building the glossary failed: {(lines or ['no output'])[-1]}") from None

    def stop(self) -> None:
        """End the child early (the reader is closing)."""
        if self._process.poll() is None:
            self._process.kill()


def main() -> None:
    """In the child: the language check, the glossary with known and ignored words kept in (greyed, so
    they can be undone), then the word glosses when asked for."""
    from glossary import build
    from reader.cli import not_dutch_warning

    article, statuses, word_glosses, learner_glosses = pickle.load(sys.stdin.buffer)
    send(not_dutch_warning(article))
    send(build(article, statuses, include_known=True, learner_glosses=learner_glosses))
    if word_glosses:
        from glossary.interlinear import word_gloss

        send({text: word_gloss(text) for text in dict.fromkeys(s.text for _, _, s in article.sentences())})


def send(result) -> None:
    """Hand one result to the reader at once."""
    pickle.dump(result, sys.stdout.buffer)
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
