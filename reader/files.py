"""Writing the learner's files (exports, backups): whole or not at all, and never over a file by accident."""

import os
import secrets
from pathlib import Path
from typing import Callable

from reader.errors import UserError


def target_path(name: str) -> Path:
    """The file a user named to write; a name ending in a slash is a folder (Path would drop the slash)."""
    if name.endswith(("/", os.sep)):
        raise UserError(f"{name} names a folder; give a file name")
    return Path(name)


def check_target(path: Path, force: bool) -> None:
    """Refuse a missing folder, a folder as the file, anything that exists unless forced (a dangling symlink
    too), and, even when forced, anything but a regular file or a symlink to one (a device, a FIFO), before any work."""
    if not path.parent.is_dir():
        raise UserError(f"cannot write {path}: there is no folder {path.parent}")
    if path.is_dir():
        raise UserError(f"{path} is a directory; give a file name")
    if os.path.lexists(path) and not force:
        raise UserError(f"{path} exists; use --force to overwrite it")
    if os.path.lexists(path) and not path.is_file():
        raise UserError(f"{path} is not a regular file (a device, a pipe or a dangling link); it is never replaced")


def write_atomically(path: Path, write: Callable[[str], object], force: bool = False) -> None:
    """Fill a temp file beside path with write(temp), then rename it over path; never overwrite without force."""
    check_target(path, force)
    temp = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
    try:
        # O_EXCL: never reuse someone else's file; mode 0o666 lets the umask decide, as for any new file.
        os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except OSError as error:
        raise UserError(f"cannot write {path}: {error.strerror}") from None
    try:
        write(str(temp))
        fd = os.open(temp, os.O_RDONLY)
        try:
            os.fsync(fd)  # the data is on disk before the rename makes it visible
        finally:
            os.close(fd)
        os.replace(temp, path)
    except OSError as error:
        raise UserError(f"cannot write {path}: {error.strerror}") from None
    finally:
        temp.unlink(missing_ok=True)  # gone after a successful rename; removed after a failure
