"""The typefaces of scripts reportgen does not bundle, found among the installed fonts.

Latin, Cyrillic and Arabic are set in fonts that ship with reportgen (templates/fonts).
Chinese needs a CJK typeface of tens of megabytes, which is found installed instead
(reportgen.languages names it and the Debian package that installs it).  Without any
font that covers the script, a PDF would show a box for every character: the build
stops and says what to install.
"""

from __future__ import annotations

import shutil
import subprocess

from .languages import Language


def installed_families(lang_code: str) -> list[str] | None:
    """Families of the installed fonts that cover language ``lang_code``, by fontconfig;
    None when fontconfig's ``fc-list`` is not there to ask."""
    command = shutil.which("fc-list")
    if command is None:
        return None
    try:
        listed = subprocess.run([command, f":lang={lang_code}", "family"], capture_output=True,
                                text=True, timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return sorted({name.strip() for line in listed.splitlines() for name in line.split(",")
                   if name.strip()})


def missing_font(lang: Language) -> str | None:
    """Why a PDF in ``lang`` cannot be set, or None when it can (or cannot be told)."""
    if lang.font_package is None:
        return None  # bundled
    families = installed_families(lang.code)
    if families is None or families:
        return None  # the named face comes first; any other face of the script will do
    return (f"no installed font covers {lang.english_name}, so the PDF would show boxes "
            f"for its characters; install {lang.font} (Debian and Ubuntu: apt install "
            f"{lang.font_package})")
