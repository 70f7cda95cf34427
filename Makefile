# The same commands for people, CI and scripts (see README.md).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DATA_DIR ?= .demo
ARGS ?=

.PHONY: run test lint bench i18n screenshots system-deps clean

# Debian packages: Qt offscreen and on a real X screen, zbar for pyzbar, PulseAudio client
# for QtMultimedia / QtTextToSpeech, Xvfb for the window test, venv to make .venv.
system-deps:
	@./.ci/system-deps

$(BIN)/fablab-kiosk: pyproject.toml | system-deps
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

run: $(BIN)/fablab-kiosk
	test -f $(DATA_DIR)/config.toml || $(BIN)/fablab-kiosk demo --data-dir $(DATA_DIR)
	$(BIN)/fablab-kiosk run --data-dir $(DATA_DIR) $(ARGS)

# The core, server and sync tests run as on a machine without PySide6 (tests/conftest.py
# refuses to import it, pytest-qt is off): nothing in kiosk/ may need Qt. Then the screens.
test: $(BIN)/fablab-kiosk
	FABLAB_KIOSK_TEST_WITHOUT_QT=1 $(BIN)/python -m pytest -p no:pytest-qt \
		-W ignore::pytest.PytestConfigWarning tests/kiosk tests/server tests/sync
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/ui

lint: $(BIN)/fablab-kiosk
	$(BIN)/ruff check kiosk ui tests bench
	$(BIN)/ruff format --check kiosk ui tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: $(BIN)/fablab-kiosk
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/run_all.py

# Pictures of every screen on the personas' walks (tests/ui/test_personas.py), at
# 1280x800 and 1024x600, into docs/screens/ (docs/screens.md shows them).
screenshots: $(BIN)/fablab-kiosk
	rm -rf docs/screens
	FABLAB_KIOSK_SCREENSHOTS=docs/screens QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q \
		tests/ui/test_personas.py

# After changing a visible string: refresh the .ts sources, translate, compile the .qm.
i18n: $(BIN)/fablab-kiosk
	$(BIN)/pyside6-lupdate ui/*.py ui/screens/*.py ui/widgets/*.py -no-obsolete \
		-ts resources/i18n/kiosk_fr.ts
	$(BIN)/pyside6-lupdate ui/*.py ui/screens/*.py ui/widgets/*.py -no-obsolete -pluralonly \
		-ts resources/i18n/kiosk_en.ts
	$(BIN)/pyside6-lrelease resources/i18n/kiosk_fr.ts -qm resources/i18n/kiosk_fr.qm
	$(BIN)/pyside6-lrelease resources/i18n/kiosk_en.ts -qm resources/i18n/kiosk_en.qm

clean:
	rm -rf $(VENV) .demo .pytest_cache .mypy_cache .ruff_cache *.egg-info
