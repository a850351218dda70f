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

.PHONY: run test lint load serve bench clean

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

# Throughput and latency against a bare page, with gunicorn (2 workers) and wrk; under 3 minutes.
bench: $(VENV)/.run-installed
	@command -v wrk >/dev/null || (command -v apt-get >/dev/null && apt-get install -y -qq wrk >/dev/null) || \
		(echo "make bench needs wrk: apt-get install -y wrk" && exit 1)
	$(BIN)/python manage.py bench_site $(BENCH_ARGS)
	$(BIN)/python manage.py migrate --noinput  # bench_grading works (and rolls back) in the project's database
	$(BIN)/python manage.py bench_grading

# Production-style serving with gunicorn; settings come from the environment (README, "Deploying").
serve: $(VENV)/.run-installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput
	$(BIN)/gunicorn history_site.wsgi --workers $${WEB_CONCURRENCY:-2} --bind $${BIND:-127.0.0.1:8000} \
		--access-logfile - --forwarded-allow-ips "$${FORWARDED_ALLOW_IPS:-127.0.0.1}"
