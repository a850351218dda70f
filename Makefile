# Two commands do all the set-up on a machine with Python 3.11+ and make:
#   make run   - serve the site on http://127.0.0.1:8000 with the essay and question bank loaded
#   make test  - run the linter and the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

# xstatic-bootstrap ships only a source package whose setup.py needs pkg_resources,
# which setuptools 81 removed: its build environment gets this constraint.
BUILD_CONSTRAINTS := $(VENV)/build-constraints.txt
PIP := PIP_CONSTRAINT=$(BUILD_CONSTRAINTS) $(BIN)/python -m pip install --quiet --disable-pip-version-check

.PHONY: run test lint load serve clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.run-installed: requirements.txt | $(BIN)/python
	echo 'setuptools<81' > $(BUILD_CONSTRAINTS)
	$(PIP) -r requirements.txt
	touch $@

$(VENV)/.test-installed: tests/requirements.txt requirements.txt | $(BIN)/python
	echo 'setuptools<81' > $(BUILD_CONSTRAINTS)
	$(PIP) -r tests/requirements.txt
	touch $@

load: $(VENV)/.run-installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_essay
	$(BIN)/python manage.py load_questions

run: load
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
