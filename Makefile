# conflict-events: `make run` and `make test` are all a newcomer needs.
.DEFAULT_GOAL := help
SHELL := /bin/bash

VENV := .venv
PY := $(VENV)/bin/python
CE := $(VENV)/bin/conflict-events
SAMPLE := data/raw/sample/articles.jsonl
# What `make run` reads; e.g. make run INPUTS="data/raw/sample/articles.jsonl data/raw/2024-06"
INPUTS ?= $(SAMPLE)
INTERIM := data/interim
PROCESSED := data/processed
GAZETTEER := data/reference/gazetteer.parquet
SHARED := ../shared/data

help: ## Show the targets
	@grep -hE '^[a-zA-Z_/.-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-34s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed ## Create .venv and install the project with its test tools

$(GAZETTEER): data/reference/countries.csv data/reference/admin1_names.csv data/reference/admin2_extra.csv pipeline/geocode/gazetteer.py | $(VENV)/.installed
	$(CE) gazetteer build

gazetteer: $(GAZETTEER) ## Build the offline gazetteer (once, about a minute)

$(INTERIM)/articles.parquet: $(SAMPLE) | $(VENV)/.installed
	$(CE) ingest $(SAMPLE) --out $(INTERIM)

$(INTERIM)/mentions.parquet: $(INTERIM)/articles.parquet data/reference/actors.csv data/reference/actor_roles.csv data/reference/state_forces.csv
	$(CE) extract --interim $(INTERIM)

$(INTERIM)/located.parquet: $(INTERIM)/mentions.parquet $(GAZETTEER)
	$(CE) geocode --interim $(INTERIM)

$(INTERIM)/events.parquet: $(INTERIM)/located.parquet
	$(CE) assemble --interim $(INTERIM)

$(PROCESSED)/events.parquet: $(INTERIM)/events.parquet
	$(CE) export --interim $(INTERIM) --out $(PROCESSED)

ingest: $(INTERIM)/articles.parquet ## Stage 1: data/raw -> data/interim/articles.parquet
extract: $(INTERIM)/mentions.parquet ## Stage 2: articles -> event mentions
geocode: $(INTERIM)/located.parquet ## Stage 3: mentions -> located mentions and place mentions
assemble: $(INTERIM)/events.parquet ## Stage 4: located mentions -> events
export: $(PROCESSED)/events.parquet ## Stage 5: validated tables in data/processed

run: $(VENV)/.installed $(GAZETTEER) ## Run the whole pipeline on the bundled sample (or INPUTS=...) -> data/processed, report.html
	$(CE) run $(INPUTS) --out $(PROCESSED) --interim $(INTERIM)
	$(PY) -c "import pandas as pd; e = pd.read_parquet('$(PROCESSED)/events.parquet'); print(e[['event_id_cnty','event_date','event_type','actor1','country','admin1','location','fatalities']].to_string(index=False, max_colwidth=34))"
	$(CE) report --data $(PROCESSED) --out $(PROCESSED)/report.html

test: $(VENV)/.installed $(GAZETTEER) ## Run the test suite
	$(PY) -m pytest -q

eval: $(VENV)/.installed $(GAZETTEER) ## Accuracy on the bundled sample, the held-out sample and the dev gold data in ../shared/data
	$(CE) run data/raw/sample/articles.jsonl --out build/eval/sample > /dev/null
	$(CE) evaluate --gold data/raw/sample/expected_events.csv --pred build/eval/sample
	$(CE) run data/raw/holdout/articles.jsonl --out build/eval/holdout > /dev/null
	$(CE) evaluate --gold data/raw/holdout/expected_events.csv --pred build/eval/holdout
	$(CE) evaluate --gold $(SHARED)/dev/acled_2022_notes.csv --work build/eval/acled
	$(CE) evaluate --gold $(SHARED)/dev/india_police_events/articles.jsonl --labels $(SHARED)/dev/india_police_events/labels.csv --work build/eval/ipe
	$(CE) evaluate --gold $(SHARED)/dev/plover_gold_standard_records.json --work build/eval/plover
	$(CE) evaluate-geoparse --gold $(SHARED)/dev/geoparsing/GWN.xml
	$(CE) evaluate-geoparse --gold $(SHARED)/dev/geoparsing/TR-News.xml

bench: $(VENV)/.installed $(GAZETTEER) ## Throughput, memory and reference points on a 20,000-article corpus -> build/bench/bench.json
	$(PY) -m pipeline.bench --articles 20000 --workers 1 --workers 2 --profile 300 --scale 10 --out build/bench

lint: $(VENV)/.installed ## ruff and mypy
	$(VENV)/bin/ruff check pipeline tests
	$(VENV)/bin/mypy pipeline

clean: ## Remove interim and processed outputs
	rm -rf $(INTERIM)/*.parquet $(PROCESSED)/* build

.PHONY: help install gazetteer ingest extract geocode assemble export run test eval bench lint clean
