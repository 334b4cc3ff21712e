"""A workbook uploaded on the import page, kept between its preview and its confirmation.

The import page shows what importing an uploaded file would change and stores
nothing; the transition lead then confirms in a second request. So that exactly
the file previewed is imported, its bytes stay on the server in a private folder
(`OVERGANG_UPLOAD_DIR`, by default `overgang-uploads` in the system's temporary
folder), under the user's id and the file's SHA-256; the session keeps the hash.
The confirmation hashes the bytes again and is refused if they differ or are gone.
A confirmed or discarded file is deleted at once, one never confirmed after a day.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import FileExtensionValidator
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from overgang.io import limits

SESSION_KEY = "pending_import"
UPLOAD_DIR_ENV = "OVERGANG_UPLOAD_DIR"
# An upload never confirmed nor discarded (the tab was closed) is removed after this long.
KEPT_SECONDS = 24 * 60 * 60
SHA256 = re.compile(r"[0-9a-f]{64}")
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/]")


class WorkbookUploadForm(forms.Form):
    workbook = forms.FileField(
        label=_("Transition workbook (.xlsx)"),
        validators=[
            FileExtensionValidator(
                ["xlsx"],
                message=_(
                    "Choose a file saved as .xlsx (Excel Workbook); save an .xls or .ods "
                    "file as .xlsx first."
                ),
            )
        ],
    )

    def clean_workbook(self) -> UploadedFile[bytes]:
        upload: UploadedFile[bytes] = self.cleaned_data["workbook"]
        size = upload.size or 0
        if size > limits.MAX_FILE_BYTES:
            # The words of io/limits.py, which refuses the same file from the command line.
            raise ValidationError(
                gettext("the file is %(size)s MB; the largest accepted is %(limit)s MB")
                % {"size": _megabytes(size), "limit": _megabytes(limits.MAX_FILE_BYTES)}
            )
        return upload


def _megabytes(size: int) -> str:
    return f"{size / limits.MIB:.1f}"


def largest_file_mb() -> str:
    """The largest workbook accepted, in MB, as the page states it."""
    return _megabytes(limits.MAX_FILE_BYTES)


@dataclass(frozen=True)
class PendingUpload:
    """An uploaded workbook waiting for confirmation: whose, which bytes, under what name."""

    user_id: int
    sha256: str
    name: str
    batch: int | None  # the import batch stored when it was previewed (None: none yet)

    @property
    def folder(self) -> Path:
        return _user_folder(self.user_id) / self.sha256

    @property
    def path(self) -> Path:
        # The file keeps the name it was uploaded with: the import history records it.
        return self.folder / self.name

    def intact(self) -> bool:
        """Whether the file is still there and holds exactly the bytes that were previewed."""
        return self.path.is_file() and _sha256(self.path) == self.sha256


def upload_root() -> Path:
    configured = os.environ.get(UPLOAD_DIR_ENV, "").strip()
    if configured:
        return Path(configured)
    return Path(tempfile.gettempdir()) / "overgang-uploads"


def _user_folder(user_id: int) -> Path:
    return upload_root() / str(user_id)


def _private_folder(path: Path) -> Path:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.chmod(0o700)
    return path


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _safe_name(name: str) -> str:
    """The uploaded file's own name as a plain file name: no folders, no control characters."""
    stem = _UNSAFE.sub("_", Path(name.replace("\\", "/")).stem).strip(" .")[:120]
    return f"{stem or 'workbook'}.xlsx"


def keep(request: HttpRequest, upload: UploadedFile[bytes], *, batch: int | None) -> PendingUpload:
    """Keep the uploaded file for confirmation in place of any earlier one; return where."""
    discard(request)
    _remove_stale()
    user_id = int(request.user.pk)  # type: ignore[arg-type]
    folder = _private_folder(_user_folder(user_id))
    digest = hashlib.sha256()
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".part")
    with os.fdopen(handle, "wb") as stream:
        for chunk in upload.chunks():
            digest.update(chunk)
            stream.write(chunk)
    pending = PendingUpload(
        user_id=user_id, sha256=digest.hexdigest(), name=_safe_name(upload.name or ""), batch=batch
    )
    _private_folder(pending.folder)
    os.replace(temporary, pending.path)
    request.session[SESSION_KEY] = {
        "sha256": pending.sha256,
        "name": pending.name,
        "batch": pending.batch,
    }
    return pending


def pending_upload(request: HttpRequest) -> PendingUpload | None:
    """The upload this session previewed last, or None."""
    kept: Any = request.session.get(SESSION_KEY)
    if not isinstance(kept, dict) or request.user.pk is None:
        return None
    if not SHA256.fullmatch(str(kept.get("sha256", ""))):
        return None
    return PendingUpload(
        user_id=int(request.user.pk),
        sha256=str(kept.get("sha256", "")),
        name=str(kept.get("name", "")),
        batch=kept.get("batch"),
    )


def remember_batch(request: HttpRequest, pending: PendingUpload, batch: int | None) -> None:
    """Note that the upload has been previewed again against the data set stored as `batch`."""
    request.session[SESSION_KEY] = {"sha256": pending.sha256, "name": pending.name, "batch": batch}


def discard(request: HttpRequest) -> None:
    """Delete the session's pending upload, if any, and forget it."""
    pending = pending_upload(request)
    request.session.pop(SESSION_KEY, None)
    if pending is not None:
        shutil.rmtree(pending.folder, ignore_errors=True)


def _remove_stale() -> None:
    """Delete uploads older than KEPT_SECONDS, whoever left them."""
    root = upload_root()
    if not root.is_dir():
        return
    oldest = time.time() - KEPT_SECONDS
    for folder in root.glob("*/*"):
        try:
            if folder.is_dir() and folder.stat().st_mtime < oldest:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue  # removed by another request meanwhile
