"""The doctor says whether the kiosk can read aloud, and what to install when it cannot."""

from __future__ import annotations

import shutil

import pytest

from kiosk.care.speech import check_speech, output_modules


def test_without_speech_dispatcher_and_espeak_ng_it_says_what_to_install() -> None:
    finding = check_speech(path="")  # a machine with neither program
    assert finding.status == "warning"
    assert "speech-dispatcher" in finding.detail and "espeak-ng" in finding.detail
    assert "Listen button is hidden" in finding.detail
    assert finding.fix is not None and "apt-get install speech-dispatcher espeak-ng" in finding.fix


def test_without_the_library_qt_speaks_through_it_says_so(tmp_path) -> None:
    for program in ("spd-say", "espeak-ng"):  # both programs present (real executables)
        (tmp_path / program).symlink_to(shutil.which("true"))
    finding = check_speech(path=str(tmp_path), find_library=lambda _name: None)
    assert finding.status == "warning" and "libspeechd" in finding.detail


def test_the_output_modules_are_read_from_spd_say() -> None:
    assert output_modules("OUTPUT MODULES\nespeak-ng\ndummy\n") == ["espeak-ng", "dummy"]
    assert output_modules("") == []


@pytest.mark.skipif(
    shutil.which("spd-say") is None or shutil.which("espeak-ng") is None,
    reason="speech-dispatcher and espeak-ng are not installed here",
)
def test_on_a_kiosk_with_the_packages_it_works() -> None:
    finding = check_speech()
    assert finding.status == "ok", finding
