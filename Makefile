# Makefile: build the library, run the tests, regenerate every figure and the report.
#
# Plain GNU make (>= 4.3); `make help` lists the targets. A figure is declared by three
# files and by nothing in this Makefile:
#     experiments/figN.c   driver     experiments/figN.ini   config     figures/figN.gp   plot
# and goes through four steps, each redone only when what it depends on changed:
#     driver --list-units       -> $(GENMK)/figN.mk        one make rule per unit
#     driver --unit U           -> $(DATA)/figN/units/U.*  then the stamp units/U.done
#     driver --merge            -> $(DATA)/figN/*.tsv      then the stamp .complete
#     gnuplot figures/figN.gp   -> $(FIGS)/figN.pdf, $(FIGS)/figN.png
# Not here: what a driver computes or how a plot looks. The Debian packages are checked
# (and installed when root) by env/setup.sh before anything is compiled or plotted.

ifeq ($(filter grouped-target,$(.FEATURES)),)
$(error GNU make >= 4.3 is needed (grouped targets); this is make $(MAKE_VERSION))
endif

.DEFAULT_GOAL := compile
.DELETE_ON_ERROR:
.SUFFIXES:
MAKEFLAGS += --no-builtin-rules

# BLAS threads would fight the parallel units of make -j, and change sums between runs.
export OPENBLAS_NUM_THREADS := 1

# ---------------------------------------------------------------- configuration
# The user's Slurm settings, when the file exists (README, "Many seeds, and Slurm clusters").
-include env/slurm.conf.mk
BLAS ?= openblas
SAN ?= 0
QUICK ?= 0
ENV_CHECK ?= 1
# ENGINE=local (default): make runs the units; ENGINE=slurm: Slurm does ("engine" below).
ENGINE ?= local
SLURM_PARTITION ?=
SLURM_TIME ?= 01:00:00
SLURM_ACCOUNT ?=
SLURM_CPUS ?= 1
SLURM_MEM ?= 2G
SLURM_EXTRA ?=
# Every variable a user sets is checked here, before any recipe or $(shell) sees it (one line, exit 2).
include tools/vars.mk

ifeq ($(SAN),1)
BUILD ?= build-san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
export UBSAN_OPTIONS ?= print_stacktrace=1
else
BUILD ?= build
SANFLAGS :=
endif

ifeq ($(BLAS),openblas)
BLAS_DEFS := -DCC_BLAS_NAME=\"openblas\" -DCC_BLAS_OPENBLAS=1
BLAS_LIBS := -lgsl -lopenblas -lm
else ifeq ($(BLAS),gsl)
BLAS_DEFS := -DCC_BLAS_NAME=\"gslcblas\"
BLAS_LIBS := -lgsl -lgslcblas -lm
endif

# Quick mode: the same programs on the drivers' --quick settings, every output under $(BUILD)/quick.
ifeq ($(QUICK),1)
QUICKFLAG := --quick
DATA ?= $(BUILD)/quick/data
FIGS ?= $(BUILD)/quick/figures
REPORT_DIR ?= $(BUILD)/quick/report
STATE := $(BUILD)/quick
else ifeq ($(VERIFY),1)
# Verify mode (make verify): the figures recomputed at full scale under $(BUILD)/verify.
QUICKFLAG :=
DATA ?= $(BUILD)/verify/data
FIGS ?= $(BUILD)/verify/figures
REPORT_DIR ?= $(BUILD)/verify/report
STATE := $(BUILD)/verify
else
QUICKFLAG :=
DATA ?= data
FIGS ?= figures
REPORT_DIR ?= paper
STATE := $(BUILD)
endif
GENMK := $(STATE)/mk
TIMES := $(STATE)/times

# ---------------------------------------------------------------- parallel level
# Without -j, make runs as many jobs as the machine has cores (nproc), fewer if that many
# units would not fit in the memory available (MemAvailable / the peak of one unit);
# `make JOBS=N ...` (command line) chooses N. An explicit -jN (-j1 too) always wins: GNU make
# 4.3 hides it from MAKEFLAGS while the Makefile is read but keeps the command line's -j over
# the one added here; 4.4 shows it, and then nothing is added. A make started by another make
# shares its parent's jobs (-j or --jobserver-auth in the MAKEFLAGS of its environment).
# Nothing is added with clean among the goals: clean must finish before what follows it.
# The peak of one unit is the largest recorded by earlier runs ($(TIMES)/*/unit-*.res, from
# /usr/bin/time), and at least UNIT_MB_MIN, measured (README.md, "Time and memory").
UNIT_MB_MIN := 64
CC_TIME := $(wildcard /usr/bin/time)
CC_JOBS_GIVEN := $(filter -j% --jobserver%,$(MAKEFLAGS) $(shell printf '%s' "$$MAKEFLAGS"))
# (JOBS of the command line was checked by tools/vars.mk; one from the environment is never used.)
ifeq ($(origin JOBS),command line)
else ifeq ($(CC_JOBS_GIVEN)$(filter clean,$(MAKECMDGOALS)),)
override JOBS := $(shell n=$$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1); \
  cat $(BUILD)/times/*/unit-*.res $(BUILD)/quick/times/*/unit-*.res /dev/null 2>/dev/null \
  | awk -v n=$$n -v min_kb=$$(($(UNIT_MB_MIN) * 1024)) -v mem_kb="$$(awk '/^MemAvailable:/ { print $$2 }' /proc/meminfo 2>/dev/null)" \
    'BEGIN { peak = min_kb } $$1 ~ /^[0-9]+$$/ && $$1 > peak { peak = $$1 } \
     END { j = n; if (mem_kb != "" && int(mem_kb / peak) < j) j = int(mem_kb / peak); print (j < 1) ? 1 : j }')
else
override JOBS :=
endif
ifneq ($(CC_JOBS_GIVEN),)
else ifneq ($(JOBS),)
MAKEFLAGS += -j$(JOBS)
endif

# -ffp-contract=off: no fused multiply-add unless written, whatever the compiler or -march, so
# the vector and scalar kernels keep computing the same bits (src/model/cc_linalg.h).
# src/ has one folder per layer (src/README.md); every header is included by its bare name.
SRC_LAYERS := base tasks model run
CFLAGS = -std=c11 -O2 -g -Wall -Wextra -ffp-contract=off -D_POSIX_C_SOURCE=200809L $(SRC_LAYERS:%=-Isrc/%)
LDFLAGS =
ALL_CFLAGS = $(strip $(CFLAGS) $(SANFLAGS) $(BLAS_DEFS) -MMD -MP)
ALL_LDFLAGS = $(strip $(LDFLAGS) $(SANFLAGS))
# jansson: the JSON reader of the run records (src/run/cc_record.c), in every program.
LDLIBS = $(BLAS_LIBS) -ljansson

# The environment stamp, shared by every build variant (it describes the machine).
ifeq ($(ENV_CHECK),1)
ENV_STAMP := build/.env-ok
else
ENV_STAMP :=
endif

# ---------------------------------------------------------------- what exists
SRCS := $(sort $(wildcard $(SRC_LAYERS:%=src/%/*.c)))
OBJS := $(SRCS:src/%.c=$(BUILD)/obj/%.o)
LIB := $(BUILD)/libcc.a

TEST_SRCS := $(sort $(wildcard tests/test_*.c))
TEST_BINS := $(TEST_SRCS:tests/%.c=$(BUILD)/tests/%)

EXP_SRCS := $(sort $(wildcard experiments/*.c))
EXP_BINS := $(EXP_SRCS:experiments/%.c=$(BUILD)/%)

BENCH_SRC := $(wildcard bench/bench.c)

# Figures: one per experiments/fig*.c, in natural order (fig2 before fig10).
FIG_NAMES := $(if $(wildcard experiments/fig*.c),$(shell ls experiments/fig*.c | sed 's|^experiments/||; s|\.c$$||' | sort -V))
# The task illustrations, when their driver exists (experiments/tasks.c, figures/tasks.gp).
TASKS := $(if $(wildcard experiments/tasks.c),tasks)
PLOTTED := $(FIG_NAMES) $(TASKS)
ALL_PLOTS := $(foreach f,$(PLOTTED),$(FIGS)/$(f).pdf $(FIGS)/$(f).png)
ALL_COMPLETE := $(foreach f,$(PLOTTED),$(DATA)/$(f)/.complete)

.PHONY: compile help test unit test-san test-slurm smoke quick-reference all report check-claims claims claim verify cc-verify-data check-figures report-check check-report times jobs tasks bench clean FORCE \
        $(FIG_NAMES:%=check-figure-%) \
        $(FIG_NAMES:%=verify-%) \
        $(FIG_NAMES) $(FIG_NAMES:%=%-data)
FORCE:

# ---------------------------------------------------------------- help
help: ## list the targets and variables
	@echo 'usage: make [TARGET] [BLAS=openblas|gsl] [SAN=1] [QUICK=1] [ENV_CHECK=0] [JOBS=N | -jN] [V=1] [SEEDS=N] [ENGINE=slurm]'
	@echo
	@grep -hE '^[a-zA-Z0-9_.%-]+:.*## |^#: ' $(firstword $(MAKEFILE_LIST)) \
	  | sed -E 's/^#: ([^ ]+) +/\1:## /' \
	  | awk -F':.*## ' '{ printf "  %-14s %s\n", $$1, $$2 }'
	@echo
	@echo 'variables:'
	@echo '  BLAS=gsl       link GSL reference CBLAS instead of OpenBLAS (own rebuild; default openblas)'
	@echo '  SAN=1          address+undefined sanitizers, in build-san/ (default build/)'
	@echo '  QUICK=1        drivers run with --quick; outputs under build/quick/ (or $$(BUILD)/quick/)'
	@echo '  ENV_CHECK=0    skip the Debian package check (non-Debian machines)'
	@echo '  JOBS=N         run N jobs at once (default: the cores, within the memory; -jN wins)'
	@echo '  V=1            full command lines of the figure steps (default on a terminal: short ones)'
	@echo '  SEEDS=N        N seeds per condition, 1 to 100000 (default: the configs'"'"' own)'
	@echo '  ENGINE=slurm   the units run on Slurm, as one job array per figure (SLURM_* settings: README)'
	@echo '  ID=CLAIM       the claim of make claim (make claims lists them)'
	@echo '  (every value is checked before anything runs: tools/vars.mk)'
	@echo
	@echo 'figures found: $(or $(strip $(PLOTTED)),none yet)'

# ---------------------------------------------------------------- environment
ifeq ($(ENV_CHECK),1)
$(ENV_STAMP): env/packages.txt env/setup.sh
	@echo 'env/setup.sh  (checking the Debian packages of env/packages.txt)'
	@env/setup.sh
endif

# ---------------------------------------------------------------- compiling
compile: $(LIB) $(TEST_BINS) $(EXP_BINS) $(BUILD)/blas.txt | $(ENV_STAMP) ## (default) the library, the test programs and the drivers

# The BLAS linked and the OpenBLAS kernels ("core") a program runs on this machine and why, as a
# test program reports it (CC_BLAS_REPORT, src/run/cc_blas.h); rewritten only when it changes.
BLAS_PROBE := $(firstword $(filter %/test_blas,$(TEST_BINS)))
$(BUILD)/blas.txt: $(BLAS_PROBE) FORCE
	@mkdir -p $(@D)
	@{ echo '$(BLAS)'; $(if $(BLAS_PROBE),CC_BLAS_REPORT=1 $(BLAS_PROBE),true); } > $@.tmp \
	  && if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv -f $@.tmp $@; fi

# $(call cc_if_changed,FILE,TEXT): rewrite FILE only when its content differs from TEXT,
# so that its date tells make when flags or the set of sources changed.
# The file is created even when TEXT is empty: a stamp that never exists would remake what
# depends on it at every pass (the generated unit lists, hence an endless restart of make).
cc_if_changed = mkdir -p $(dir $(1)) && if [ ! -f $(1) ] || [ "$$(cat $(1) 2>/dev/null)" != '$(2)' ]; then printf '%s\n' '$(2)' > $(1); fi

# Everything compiled depends on the compile and link lines: BLAS=... rebuilds everything.
$(BUILD)/.flags: FORCE
	@$(call cc_if_changed,$@,$(CC) $(ALL_CFLAGS) | $(ALL_LDFLAGS) $(LDLIBS))

# The archive is remade when a source file is added or removed.
$(BUILD)/.lib-members: FORCE
	@$(call cc_if_changed,$@,$(SRCS))

# The layers' include rule (tools/check_layers.sh), checked whenever a file of src/ changes.
$(BUILD)/.layers-ok: $(wildcard src/*/*.[ch]) tools/check_layers.sh
	@mkdir -p $(@D)
	tools/check_layers.sh src
	@touch $@

$(BUILD)/obj/%.o: src/%.c $(BUILD)/.flags | $(ENV_STAMP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/obj/tests/%.o: tests/%.c $(BUILD)/.flags | $(ENV_STAMP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/obj/experiments/%.o: experiments/%.c $(BUILD)/.flags | $(ENV_STAMP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/obj/bench/%.o: bench/%.c $(BUILD)/.flags | $(ENV_STAMP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIB): $(OBJS) $(BUILD)/.lib-members $(BUILD)/.flags $(BUILD)/.layers-ok
	@mkdir -p $(@D)
	@rm -f $@.tmp
	$(AR) rcs $@.tmp $(OBJS)
	@mv -f $@.tmp $@

$(TEST_BINS): $(BUILD)/tests/%: $(BUILD)/obj/tests/%.o $(LIB) $(BUILD)/.flags
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIB) -lcunit $(LDLIBS)

$(EXP_BINS): $(BUILD)/%: $(BUILD)/obj/experiments/%.o $(LIB) $(BUILD)/.flags
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

$(BUILD)/bench: $(BUILD)/obj/bench/bench.o $(LIB) $(BUILD)/.flags
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

-include $(OBJS:.o=.d) $(TEST_BINS:$(BUILD)/tests/%=$(BUILD)/obj/tests/%.d) \
         $(EXP_BINS:$(BUILD)/%=$(BUILD)/obj/experiments/%.d) $(BUILD)/obj/bench/bench.d

# ---------------------------------------------------------------- tests
# The quick pipeline's numbers (summary.tsv of every figure) are compared with tests/quick_reference.tsv
# within tests/quick_tolerance.tsv, and its claims (claims.tsv: measured text and verdict) exactly with
# tests/quick_claims.tsv; after an intended change, `make quick-reference` rewrites both references.
test: unit $(EXP_BINS) $(BUILD)/bench ## unit tests, bad input and faults, the make variables, the quick pipeline (make smoke) and its checks, Fig. 1 against its shipped data, the report of the shipped data (make report-check)
	@tests/bad_input.sh $(BUILD)
	@tests/merge_faults.sh $(BUILD)
	@tests/make_vars.sh $(BUILD)
	@tests/check_claims.sh
	@tests/bench_smoke.sh $(BUILD)
	@$(MAKE) --no-print-directory smoke
	@tests/progress.sh $(BUILD) SAN=$(SAN) BLAS=$(BLAS) ENV_CHECK=$(ENV_CHECK)
	@tests/jobs.sh BUILD=$(BUILD) SAN=$(SAN) BLAS=$(BLAS) ENV_CHECK=$(ENV_CHECK)
	@tests/determinism.sh $(BUILD) $(BUILD)/quick/data $(FIG_NAMES)
	@tests/record_git.sh $(BUILD)
	@tests/staleness.sh $(BUILD)
	@tests/fig5_claims.sh $(BUILD)
	@tools/quick_reference.sh check $(BUILD)/quick/data $(FIG_NAMES)
	@tools/quick_claims.sh check $(BUILD)/quick/data $(FIG_NAMES)
	@$(MAKE) --no-print-directory verify-fig1
	@tests/extension.sh $(BUILD)
	@$(MAKE) --no-print-directory report-check

# make report-check: the report of the shipped data, built under $(BUILD)/report-check, has no
# placeholder or missing value in its HTML and PDF text, and every figure links its code.
# It also says (without failing: a new experiment changes the report) whether the committed
# paper/report.pdf is that report; make check-report fails when it is not.
report-check: | $(ENV_STAMP) ## build the report of the shipped data under build/report-check/ and check its text and links
	@$(MAKE) --no-print-directory REPORT_DIR=$(BUILD)/report-check report
	@tests/report_check.sh $(BUILD)/report-check $(FIG_NAMES)
	@cmp -s $(BUILD)/report-check/report.pdf paper/report.pdf \
	  || echo "note: paper/report.pdf is not the report of the shipped data and this code (make report rewrites it)"

# make check-report: the committed paper/report.pdf is the report of the shipped data, the
# committed figures and this code (rebuilt under $(BUILD)/report-check; bytes compared).
check-report: | $(ENV_STAMP) ## the committed paper/report.pdf is the report of the shipped data and this code
	@$(MAKE) --no-print-directory REPORT_DIR=$(BUILD)/report-check $(BUILD)/report-check/report.pdf
	@if cmp -s $(BUILD)/report-check/report.pdf paper/report.pdf; then \
	  echo "paper/report.pdf: the report of the shipped data and this code (same bytes)"; \
	else echo "paper/report.pdf: not the report of the shipped data and this code (its rebuild is $(BUILD)/report-check/report.pdf; make report rewrites it)" >&2; exit 1; fi

unit: $(TEST_BINS) $(BUILD)/blas.txt | $(ENV_STAMP) ## unit tests only: every tests/test_*.c program
	@tests/run_tests.sh $(TEST_BINS)

test-san: ## make test with address and undefined-behaviour sanitizers (in build-san/)
	@$(MAKE) --no-print-directory SAN=1 test

smoke: ## every figure and the report on quick settings, under build/quick/
	@$(MAKE) --no-print-directory QUICK=1 all

quick-reference: ## after an intended change of numbers: make smoke, then rewrite tests/quick_reference.tsv and quick_claims.tsv
	@$(MAKE) --no-print-directory smoke
	@tools/quick_reference.sh write $(BUILD)/quick/data $(FIG_NAMES)
	@tools/quick_claims.sh write $(BUILD)/quick/data $(FIG_NAMES)

# ---------------------------------------------------------------- engine
# ENGINE=local (default): make runs the units, in parallel under -j. ENGINE=slurm: the units of
# a figure that are missing or stale go to Slurm as one job array (env/slurm-units.sh), make
# waits for it, then merges and plots here. The job's settings are the SLURM_* variables of the
# configuration section (or of env/slurm.conf.mk, which the user may create): see the README.
# They reach the script quoted, in its environment, as tools/vars.mk accepted them.

# $(call cc_slurm_units,FIG): run FIG's missing units as one Slurm job array and wait for it.
define cc_slurm_units
@CC_SLURM_PARTITION=$(call cc_q,$(SLURM_PARTITION)) CC_SLURM_TIME=$(call cc_q,$(SLURM_TIME)) CC_SLURM_ACCOUNT=$(call cc_q,$(SLURM_ACCOUNT)) \
  CC_SLURM_CPUS=$(call cc_q,$(SLURM_CPUS)) CC_SLURM_MEM=$(call cc_q,$(SLURM_MEM)) CC_SLURM_EXTRA=$(call cc_q,$(SLURM_EXTRA)) \
  env/slurm-units.sh '$(1)' $(call cc_q,$(call cc_driver,$(1))) $(call cc_q,$(DATA)/$(1)) $(call cc_q,$(GENMK)/$(1).mk) $(call cc_q,$(STATE)/slurm) $(call cc_q,$(TIMES)/$(1))
endef

test-slurm: ## ENGINE=slurm against the local engine on a one-node test cluster (root; tests/slurm.sh)
	@tests/slurm.sh $(BUILD)

# ---------------------------------------------------------------- figures
# $(call cc_timed,TIMEFILE,COMMAND): run COMMAND; on success write its wall time (s) to TIMEFILE.
cc_timed = mkdir -p $(dir $(1)) && t0=$$(date +%s.%N) && $(2) && t1=$$(date +%s.%N) \
  && awk -v a=$$t0 -v b=$$t1 'BEGIN { printf "%.3f\n", b - a }' > $(1).tmp && mv -f $(1).tmp $(1)

# $(call cc_say,SHORT,FULL): the line announcing a step of a figure: SHORT on a terminal
# ("fig2 unit cereb_fb-fixed-tau3-mfplastic-s0"), FULL (the command) elsewhere or with V=1,
# nothing with make -s (the progress lines stay: tools/progress.sh).
CC_SILENT := $(findstring s,$(patsubst -%,%,$(filter-out --%,$(firstword $(MAKEFLAGS)))))
cc_q = '$(subst ','\'',$(1))'
cc_say = $(if $(CC_SILENT),:,$(if $(filter 1,$(V)),echo $(call cc_q,$(2)),\
  if [ -t 1 ]; then echo $(call cc_q,$(1)); else echo $(call cc_q,$(2)); fi))

# $(STATE)/code/FIG.sum: the code a unit of FIG runs, as the checksum of its driver without
# debugging information; rewritten only when it changes, so that relinking the same code (or
# touching a source) reruns nothing.
$(STATE)/code/%.sum: $(BUILD)/%
	@mkdir -p $(@D)
	@objcopy --strip-debug $< $@.bin && k=$$(sha256sum < $@.bin | cut -c1-64) && rm -f $@.bin \
	  && { [ "$$(cat $@ 2>/dev/null)" = "$$k" ] || printf '%s\n' "$$k" > $@; }

# $(call cc_driver,FIG): the command line every step of FIG starts with.
# SEEDS=N (make variable) runs N seeds per condition without editing the configs; the stamp
# $(STATE)/.seeds holds the last value, so that changing it redoes the units.
$(STATE)/.seeds: FORCE
	@$(call cc_if_changed,$@,$(SEEDS))
cc_driver = $(BUILD)/$(1) --config experiments/$(1).ini$(if $(QUICKFLAG), $(QUICKFLAG))$(if $(SEEDS), --set run.seeds=$(SEEDS))

# $(call cc_gen_mk,FIG): the unit list of FIG -> $(GENMK)/FIG.mk, one rule per unit.
# Unit ids must be unique, non-empty, safe file names. The .mk refers to $(DATA) and
# $(BUILD) by name, so it only depends on the driver, its config and QUICK.
# Staleness is by content: the driver prints the id of every unit's resolved configuration
# (--list-configs); $(GENMK)/keys/FIG/UNIT.key holds it and is rewritten only when it changes,
# and $(GENMK)/FIG.config likewise holds the id of the whole configuration (the merge's). A
# unit depends on its .key and on the code stamp of its driver; the merge on the .config.
define cc_gen_mk
@mkdir -p $(@D)
@$(call cc_say,$(1) list units,$(call cc_driver,$(1)) --list-configs)
@$(call cc_driver,$(1)) --list-configs > $@.cfgs || { s=$$?; rm -f $@.cfgs; exit $$s; }
@sed -n '2,$$s/ .*//p' $@.cfgs > $@.list
@if [ ! -s $@.list ]; then echo "$(BUILD)/$(1) --list-configs printed no unit" >&2; rm -f $@.list $@.cfgs; exit 1; fi
@if sed 1d $@.cfgs | grep -Evx '[A-Za-z0-9._+=-]+ [0-9a-f]{16}' >&2 || ! head -n 1 $@.cfgs | grep -Eqx 'config [0-9a-f]{16}'; then \
   echo "$(BUILD)/$(1) --list-configs: malformed lines above" >&2; rm -f $@.list $@.cfgs; exit 1; fi
@mkdir -p $(GENMK)/keys/$(1); sed 1d $@.cfgs | while read -r u k; do f=$(GENMK)/keys/$(1)/$$u.key; \
   [ "$$(cat "$$f" 2>/dev/null)" = "$$k" ] || printf '%s\n' "$$k" > "$$f"; done
@k=$$(head -n 1 $@.cfgs | cut -d' ' -f2); [ "$$(cat $(GENMK)/$(1).config 2>/dev/null)" = "$$k" ] || printf '%s\n' "$$k" > $(GENMK)/$(1).config
@rm -f $@.cfgs
@if grep -Evx '[A-Za-z0-9._+=-]+' $@.list >&2; then echo "$(BUILD)/$(1) --list-units: the unit ids above are not safe file names" >&2; rm -f $@.list; exit 1; fi
@if sort $@.list | uniq -d | grep . >&2; then echo "$(BUILD)/$(1) --list-units: the unit ids above are repeated" >&2; rm -f $@.list; exit 1; fi
@awk -v f='$(1)' 'BEGIN { print "# generated by the Makefile from the output of: $$(BUILD)/" f " --config experiments/" f ".ini $$(QUICKFLAG) --list-units" } { u[NR] = $$0 } END { printf "%s_UNITS :=", f; for (i = 1; i <= NR; i++) printf " %s", u[i]; print ""; for (i = 1; i <= NR; i++) { d = "$$(DATA)/" f "/units/" u[i] ".done"; k = "$$(GENMK)/keys/" f "/" u[i] ".key"; print d ": " k " $$(STATE)/code/" f ".sum"; print "\t$$(call cc_unit," f "," u[i] ")"; print k ":"; all = all " " d } print "$$(DATA)/" f "/.units:" all }' $@.list > $@.tmp
@for t in $(TIMES)/$(1)/unit-*.s $(TIMES)/$(1)/unit-*.res; do u=$${t##*/unit-}; u=$${u%.*}; \
   [ ! -e "$$t" ] || grep -qxF -- "$$u" $@.list || rm -f "$$t"; done
@rm -f $@.list
@mv -f $@.tmp $@
endef

# $(call cc_res,FILE): prefix of a command that writes to FILE what it used: peak memory (kB),
# user and system CPU seconds.
cc_res = $(if $(CC_TIME),$(CC_TIME) -f '%M %U %S' -o $(1) )

# $(call cc_unit,FIG,UNIT): compute one unit; make touches the .done stamp only on success,
# then the unit's progress line is printed.
define cc_unit
@mkdir -p $(@D)
@$(call cc_say,$(1) unit $(2),$(call cc_driver,$(1)) --out $(DATA)/$(1) --unit $(2))
@rm -f $@
@$(call cc_timed,$(TIMES)/$(1)/unit-$(2).s,$(call cc_res,$(TIMES)/$(1)/unit-$(2).res)$(call cc_driver,$(1)) --out $(DATA)/$(1) --unit $(2))
@touch $@
@$(call cc_progress_unit,$(1),$(2))
endef

# $(call cc_merge,FIG): merge the units of FIG into its panel tables, summary and claims.
define cc_merge
@$(call cc_say,$(1) merge,$(call cc_driver,$(1)) --out $(DATA)/$(1) --merge)
@rm -f $@
@$(call cc_timed,$(TIMES)/$(1)/merge.s,$(call cc_driver,$(1)) --out $(DATA)/$(1) --merge)
@touch $@
endef

# $(call cc_plot,NAME): figures/NAME.gp writes $(FIGS)/NAME.pdf and .png itself. Cairo stamps
# the PDF with the time of the plot; the stamp is replaced by a fixed one of the same length
# (cc_pdf_date), so that the same data give the same bytes, as the PNG already does.
cc_pdf_date = LC_ALL=C sed -i 's|/CreationDate (D:[0-9]\{14\}Z)|/CreationDate (D:20000101000000Z)|' $(1)
define cc_plot
@mkdir -p $(FIGS)
@rm -f $(FIGS)/$(1).pdf $(FIGS)/$(1).png
@$(call cc_say,$(1) plot,gnuplot -e "datadir='$(DATA)/$(1)'; outbase='$(FIGS)/$(1)'" figures/$(1).gp)
@$(call cc_timed,$(TIMES)/$(1)/plot.s,gnuplot -e "datadir='$(DATA)/$(1)'; outbase='$(FIGS)/$(1)'" figures/$(1).gp)
@for f in $(FIGS)/$(1).pdf $(FIGS)/$(1).png; do \
   if [ ! -s $$f ]; then echo "figures/$(1).gp did not write $$f" >&2; rm -f $(FIGS)/$(1).pdf $(FIGS)/$(1).png; exit 1; fi; done
@$(call cc_pdf_date,$(FIGS)/$(1).pdf)
endef

define cc_plot_rules
$(FIGS)/$(1).pdf $(FIGS)/$(1).png &: figures/$(1).gp figures/style.gp $(DATA)/$(1)/.complete | $(ENV_STAMP)
	$$(call cc_plot,$(1))
endef

# Data reuse. The goals that only read data (report, check-claims, claim, claims, a plot) take a
# figure's data as they are when its .complete stamp exists: the shipped reference data of a fresh
# clone, or an earlier run. They never retrain. The goals that make data (all, figN, figN-data,
# verify) recompute whatever is out of date, as the rules say.
RECOMPUTE := $(filter all $(FIG_NAMES) $(FIG_NAMES:%=%-data) verify verify-%,$(MAKECMDGOALS))
cc_reused = $(if $(RECOMPUTE),,$(wildcard $(DATA)/$(1)/.complete))
REUSED := $(foreach f,$(FIG_NAMES),$(if $(call cc_reused,$(f)),$(f)))

define cc_figure_rules
ifeq ($(call cc_reused,$(1)),)
$(GENMK)/$(1).mk: $(BUILD)/$(1) experiments/$(1).ini $(STATE)/.seeds Makefile
	$$(call cc_gen_mk,$(1))

ifeq ($(ENGINE),slurm)
$(DATA)/$(1)/.units: $(GENMK)/$(1).mk $(STATE)/code/$(1).sum FORCE
	@mkdir -p $$(@D)
	$$(call cc_slurm_units,$(1))
else
$(DATA)/$(1)/.units: # and every unit's .done stamp ($(GENMK)/$(1).mk)
	@mkdir -p $$(@D)
	@touch $$@
endif

$(DATA)/$(1)/.complete: $(DATA)/$(1)/.units $(STATE)/code/$(1).sum $(GENMK)/$(1).config
	$$(call cc_merge,$(1))

$(GENMK)/$(1).config: ;
endif

$(1): $(FIGS)/$(1).pdf $(FIGS)/$(1).png
$(1)-data: $(DATA)/$(1)/.complete
$(call cc_plot_rules,$(1))
endef

$(foreach f,$(FIG_NAMES),$(eval $(call cc_figure_rules,$(f))))

# The generated unit rules, only when a goal needs them (make help or clean must not run drivers).
ifneq ($(filter all report check-claims $(DATA)/% $(FIGS)/% $(REPORT_DIR)/%,$(MAKECMDGOALS)),)
MK_FIGS := $(FIG_NAMES)
else
MK_FIGS := $(sort $(filter $(FIG_NAMES),$(MAKECMDGOALS:%-data=%) $(MAKECMDGOALS:verify-%=%)))
endif
# With ENGINE=slurm the unit rules are not included: the units run on Slurm (cc_slurm_units),
# which reads the unit list from the same generated file.
ifneq ($(ENGINE),slurm)
include $(filter-out $(REUSED:%=$(GENMK)/%.mk),$(MK_FIGS:%=$(GENMK)/%.mk))
endif

# ---------------------------------------------------------------- figures built on other figures
# experiments/figN.needs names the figures whose data figN reads, one a line ('#' starts a
# comment): Fig. 8 starts from the models that Fig. 6 saves. Every unit of figN then waits for
# their merge ($(DATA)/figM/.complete): `make figN` on a clean checkout builds figM first, and a
# rerun of figM reruns figN's units. The driver finds figM's data beside its own output
# directory ($(DATA)/figM). One level: a needed figure's own needs are not followed. With
# ENGINE=slurm the job array of figN (its .units rule) waits for the same stamps.
cc_needs = $(if $(wildcard experiments/$(1).needs),$(shell sed 's/\#.*//' experiments/$(1).needs))
NEED_FIGS := $(sort $(foreach f,$(MK_FIGS),$(call cc_needs,$(f))))
$(foreach f,$(FIG_NAMES),$(if $(call cc_reused,$(f)),,$(foreach n,$(call cc_needs,$(f)),\
  $(eval $(DATA)/$(f)/.units: $(DATA)/$(n)/.complete))))
ifneq ($(ENGINE),slurm)
include $(filter-out $(REUSED:%=$(GENMK)/%.mk) $(MK_FIGS:%=$(GENMK)/%.mk),$(NEED_FIGS:%=$(GENMK)/%.mk))
$(foreach f,$(MK_FIGS),$(foreach n,$(call cc_needs,$(f)),$(if $($(f)_UNITS),\
  $(eval $(foreach u,$($(f)_UNITS),$(DATA)/$(f)/units/$(u).done): $(DATA)/$(n)/.complete))))
endif
# ---------------------------------------------------------------- (end of: figures built on other figures)

ifneq ($(TASKS),)
$(DATA)/tasks/.complete: $(BUILD)/tasks
	@$(call cc_say,tasks unit tasks,$(BUILD)/tasks --out $(DATA)/tasks)
	@rm -f $@
	@mkdir -p $(@D)
	@$(call cc_timed,$(TIMES)/tasks/unit-tasks.s,$(call cc_res,$(TIMES)/tasks/unit-tasks.res)$(BUILD)/tasks --out $(DATA)/tasks)
	@touch $@
	@$(call cc_progress_unit,tasks,tasks)
$(eval $(call cc_plot_rules,tasks))
tasks: $(FIGS)/tasks.pdf $(FIGS)/tasks.png ## the task illustrations: experiments/tasks.c, figures/tasks.gp
else
tasks:
	@echo 'make tasks: experiments/tasks.c does not exist yet' >&2; exit 1
endif

# ---------------------------------------------------------------- build progress
# After each unit, one line (tools/progress.sh): units done / total of its figure and of the
# build (every unit of the figures of the goal), the job count, and the time left. The build's
# plan (which units are up to date, which will run, their last times) is written once the
# drivers are made, before any unit starts: cc-progress-start is an order-only prerequisite of
# every unit. `make all` ends with the wall time against the estimate given then. The plan is
# made under make -n too (+): a dry run says what would run, with which -j, for how long.
PROGRESS_LOG := $(TIMES)/build.log
CC_ASKED_FIGS := $(sort \
  $(if $(filter all report $(REPORT_DIR)/%,$(MAKECMDGOALS)),$(PLOTTED)) \
  $(if $(filter check-claims,$(MAKECMDGOALS)),$(FIG_NAMES)) \
  $(foreach g,$(filter $(DATA)/%,$(MAKECMDGOALS)),$(firstword $(subst /, ,$(g:$(DATA)/%=%)))) \
  $(basename $(notdir $(filter $(FIGS)/%,$(MAKECMDGOALS)))) \
  $(filter $(PLOTTED),$(MAKECMDGOALS:%-data=%)))
# ... and the figures they are built on (experiments/figN.needs), whose units run first
CC_GOAL_FIGS := $(filter $(sort $(CC_ASKED_FIGS) $(foreach f,$(CC_ASKED_FIGS),$(call cc_needs,$(f)))),$(PLOTTED))
cc_units_of = $(if $(filter tasks,$(1)),tasks,$($(1)_UNITS))
cc_stamp_of = $(if $(filter tasks,$(1)),$(DATA)/tasks/.complete,$(DATA)/$(1)/units/$(2).done)
define cc_nl


endef
# One line per unit: member FIG UNIT STAMP TIMEFILE DEPENDENCIES; one per figure: steps FIG FILES.
cc_progress_plan = $(foreach f,$(CC_GOAL_FIGS),steps $(f) $(TIMES)/$(f)/merge.s $(TIMES)/$(f)/plot.s$(cc_nl)$(foreach \
  u,$(call cc_units_of,$(f)),member $(f) $(u) $(call cc_stamp_of,$(f),$(u)) $(TIMES)/$(f)/unit-$(u).s \
  $(if $(filter tasks,$(f)),$(BUILD)/$(f),$(GENMK)/keys/$(f)/$(u).key $(STATE)/code/$(f).sum)$(cc_nl)))
# $(call cc_progress_unit,FIG,UNIT): the line after UNIT of FIG (a display: never fails the build).
cc_progress_unit = tools/progress.sh unit $(PROGRESS_LOG) $(1) $(2) $(TIMES)/$(1)/unit-$(2).s \
  $(words $(call cc_units_of,$(1))) || :

.PHONY: cc-progress-start
cc-progress-start: $(CC_GOAL_FIGS:%=$(BUILD)/%) $(filter-out $(STATE)/code/tasks.sum,$(CC_GOAL_FIGS:%=$(STATE)/code/%.sum))
	$(shell mkdir -p $(TIMES))$(file >$(PROGRESS_LOG).plan,$(cc_progress_plan))
	+@tools/progress.sh start $(PROGRESS_LOG) $(PROGRESS_LOG).plan || :
	@rm -f $(PROGRESS_LOG).plan

$(foreach f,$(sort $(MK_FIGS) $(NEED_FIGS)),$(if $($(f)_UNITS),$(eval $($(f)_UNITS:%=$(DATA)/$(f)/units/%.done): | cc-progress-start)))
$(if $(TASKS),$(eval $(DATA)/tasks/.complete: | cc-progress-start))

jobs: ## print the parallel level make uses (-jN; default: the cores, within the memory)
	+@tools/progress.sh jobs

# Seconds per figure: the last measured time of each step (steps not rerun keep their time),
# the CPU seconds of its units and the peak memory of the largest (MB); then the last build's
# job count and wall time.
define cc_print_times
@printf '%-12s %6s %10s %9s %9s %8s %9s %8s\n' figure units units_s units_cpu merge_s plot_s total_s peak_MB
@for f in $(PLOTTED); do d=$(TIMES)/$$f; \
  n=$$(ls $$d/unit-*.s 2>/dev/null | wc -l); \
  r=$$(cat $$d/unit-*.res /dev/null 2>/dev/null | awk '$$1 ~ /^[0-9]+$$/ { if ($$1 > k) k = $$1; if (NF == 3) { c += $$2 + $$3; nc++ } } \
    END { print k + 0, nc + 0, c + 0 }'); \
  cat $$d/unit-*.s /dev/null 2>/dev/null | awk -v f=$$f -v n=$$n -v r="$$r" -v m="$$(cat $$d/merge.s 2>/dev/null)" -v p="$$(cat $$d/plot.s 2>/dev/null)" \
    '{ u += $$1 } END { split(r, x, " "); c = (n > 0 && x[2] == n) ? sprintf("%.1f", x[3]) : "-"; \
      printf "%-12s %6d %10.1f %9s %9.1f %8.1f %9.1f %8.0f\n", f, n, u, c, m, p, u + m + p, x[1] / 1024 }'; \
done | awk '{ print; n += $$2; u += $$3; if ($$4 == "-") nc = 1; c += $$4; m += $$5; p += $$6; t += $$7; if ($$8 > k) k = $$8 } \
  END { printf "%-12s %6d %10.1f %9s %9.1f %8.1f %9.1f %8.0f\n", "all", n, u, nc ? "-" : sprintf("%.1f", c), m, p, t, k }'
@echo '(wall seconds of each step; units_s is summed over units, which make -j runs in parallel:'
@echo ' with make -jN the whole takes about total_s / N. units_cpu: CPU seconds (user + system) of'
@echo ' the units, what N free cores divide ("-": not all measured); peak_MB: the largest unit)'
endef

#: figN           one figure: figures/figN.pdf and figures/figN.png (computes what is missing)
#: figN-data      the data of one figure only: data/figN/ (units, then merge)

all: $(PLOTTED) $(if $(wildcard paper/report.md),report) ## every figure, then the report; prints seconds per figure
	@$(if $(wildcard paper/report.md),,echo 'note: paper/report.md does not exist yet: no report made')
	$(cc_print_times)
	@tools/progress.sh end $(PROGRESS_LOG)

times: ## print the seconds per figure of the last runs
	$(cc_print_times)
	@tools/progress.sh last $(PROGRESS_LOG)

# Verdicts are never printed from another configuration (tools/claims_current.sh): a figure whose
# claims.tsv was merged under another config is merged again when its units have run here, else
# refused with one line naming it.
cc_claims_current = tools/claims_current.sh $(1) $(DATA)/$(1) $(1)-data $(call cc_driver,$(1))

check-claims: $(FIG_NAMES:%=$(DATA)/%/.complete) $(FIG_NAMES:%=$(BUILD)/%) ## every claim with its verdict (PASS, FAIL, UNDECIDED), source, effect, 95 % interval, seeds and stability
	@$(foreach f,$(FIG_NAMES),$(call cc_claims_current,$(f)) &&) :
	@tools/check_claims.sh $(FIG_NAMES:%=$(DATA)/%/claims.tsv)

# ---------------------------------------------------------------- one claim, verification
# make claim ID=fig2.acquisition: the data of that claim's figure (computed only if absent),
# then its verdict. make claims: every claim id of the data present. No ID, or an ID whose figure
# does not exist, is refused while the Makefile is read (one line, exit 2); then
# tools/check_claims.sh --claim tells an id absent from its figure's claims.tsv (exit 2, the
# valid ids listed) from a claims.tsv that is missing (MISSING, exit 1, as make check-claims).
CLAIM_FIG = $(firstword $(subst ., ,$(ID)))
ifneq ($(filter claim,$(MAKECMDGOALS)),)
ifeq ($(ID),)
$(error make claim: give the claim, e.g. make claim ID=fig2.acquisition (make claims lists them))
else ifeq ($(filter $(CLAIM_FIG),$(FIG_NAMES)),)
$(error make claim: unknown claim '$(ID)': its figure '$(CLAIM_FIG)' is not one of: $(FIG_NAMES))
endif
endif
claims: ## list every claim id (of the data present), with its verdict
	@for f in $(FIG_NAMES); do \
	  if [ -f $(DATA)/$$f/claims.tsv ]; then awk -F'\t' '!/^#/ && NF == 11 { printf "%-32s %-9s %s\n", $$1, $$11, $$2 }' $(DATA)/$$f/claims.tsv; \
	  else echo "($$f: no data; make $$f-data computes it)"; fi; done

claim: ## one claim: make claim ID=fig2.acquisition (its figure's data, then the verdict)
	@$(MAKE) --no-print-directory $(DATA)/$(CLAIM_FIG)/.complete $(BUILD)/$(CLAIM_FIG)
	@$(call cc_claims_current,$(CLAIM_FIG))
	@tools/check_claims.sh --claim $(call cc_q,$(ID)) $(DATA)/$(CLAIM_FIG)/claims.tsv

# make verify-figN: recompute figure N at full scale under $(BUILD)/verify and compare each
# of its tables with the shipped ones (data/figN/), within the tolerance its config states
# (verify.rtol, verify.atol: tools/compare_data.sh), as the driver reports it (--get). A driver
# without these keys (--get refuses an unknown key; the merge has just accepted the same
# settings, so nothing else is refused) is compared at tolerance 0. make verify: every figure.
# The data of every figure the goals name are recomputed by one make (cc-verify-data), whatever
# -j: two verify makes would both build a figure that another needs (Fig. 6 for Fig. 8), one
# deleting what the other reads. make verify checks the report last, after every comparison (run
# beside them, it compiled the drivers a second time at once, and its failure stopped them).
verify: $(FIG_NAMES:%=verify-%) ## recompute every figure and compare with the shipped data; then the committed report
	@$(MAKE) --no-print-directory check-report
CC_VERIFY_FIGS := $(sort $(if $(filter verify,$(MAKECMDGOALS)),$(FIG_NAMES)) \
  $(patsubst verify-%,%,$(filter $(FIG_NAMES:%=verify-%),$(MAKECMDGOALS))))
cc-verify-data: | $(ENV_STAMP)
	@for f in $(CC_VERIFY_FIGS); do if [ ! -f data/$$f/summary.tsv ]; then \
	  echo "make verify-$$f: no shipped data in data/$$f/ to compare with" >&2; exit 2; fi; done
	@rm -rf $(CC_VERIFY_FIGS:%=$(BUILD)/verify/data/%)
	@$(MAKE) --no-print-directory VERIFY=1 $(CC_VERIFY_FIGS:%=%-data)
$(FIG_NAMES:%=verify-%): verify-%: cc-verify-data | $(ENV_STAMP)
	@rtol=$$($(call cc_driver,$*) --get verify.rtol 2>/dev/null) || rtol=0; \
	  atol=$$($(call cc_driver,$*) --get verify.atol 2>/dev/null) || atol=0; \
	  out=$$(tools/compare_data.sh data/$* $(BUILD)/verify/data/$* "$$rtol" "$$atol" 2>&1); s=$$?; \
	  printf '%s\n' "$$out"; exit $$s # in one piece: the figures' comparisons run in parallel
	@$(MAKE) --no-print-directory check-figure-$*

# make check-figure-figN: the committed figures/figN.png and .pdf are the plot of the shipped
# data/figN/ (replotted under $(BUILD)/check-figures; bytes compared: the PNG carries no date,
# the PDF a fixed one).
# make check-figures: every figure. make verify-figN ends with it, so that the chain recomputed
# data = shipped data -> committed figure is checked in one go.
check-figures: $(FIG_NAMES:%=check-figure-%) ## the committed figures are the plots of the shipped data
$(FIG_NAMES:%=check-figure-%): check-figure-%: | $(ENV_STAMP)
	@mkdir -p $(BUILD)/check-figures
	@gnuplot -e "datadir='data/$*'; outbase='$(BUILD)/check-figures/$*'" figures/$*.gp
	@$(call cc_pdf_date,$(BUILD)/check-figures/$*.pdf)
	@for e in png pdf; do \
	  if cmp -s $(BUILD)/check-figures/$*.$$e figures/$*.$$e; then \
	    echo "figures/$*.$$e: the plot of the shipped data/$*/ (same bytes)"; \
	  else echo "figures/$*.$$e: not the plot of the shipped data/$*/ (its replot is $(BUILD)/check-figures/$*.$$e; make report remakes the figures)" >&2; exit 1; fi; \
	done

# ---------------------------------------------------------------- report
# HTML: images embedded (--self-contained). PDF: weasyprint ignores --resource-path, so the
# images found on it are first copied to $(STATE)/report-media (--extract-media).
# Formulas: MathML in the HTML (browsers set it); in the PDF set by TeX (paper/math.lua: latex and
# dvisvgm, into $(STATE)/report-math), as WeasyPrint has no MathML.
REPORT_SRCS := $(wildcard paper/*.md paper/*.lua paper/*.css paper/*.yaml paper/*.sh paper/example/*)
# The code the report quotes and links to (paper/code.lua): every source file, listed line by line
# beside report.html (paper/listing.sh).
CODE_SRCS := $(sort $(wildcard src/*/*.[ch] experiments/*.[ch] experiments/*.ini figures/*.gp))
LISTINGS := $(CODE_SRCS:%=$(REPORT_DIR)/listings/%.html)
PANDOC_FLAGS = $(strip --standalone --resource-path=.:paper:$(FIGS):$(DATA) \
  $(foreach f,$(wildcard paper/filter.lua paper/code.lua),--lua-filter $(f)) \
  $(foreach c,$(wildcard paper/*.css),--css $(c)) \
  --metadata datadir=$(DATA) --metadata figdir=$(FIGS) $(if $(QUICKFLAG),--metadata quick=true))

# In the PDF the figures are vectors: each figure's PDF as an SVG that WeasyPrint draws
# (paper/figure_svg.sh). qpdf then packs the PDF's objects into compressed streams (lossless;
# --deterministic-id), and SOURCE_DATE_EPOCH fixes the date fontTools writes into each embedded
# font subset, so that the same data and code give the same bytes (make check-report).
REPORT_SVGS := $(PLOTTED:%=$(STATE)/report-svg/%.svg)
$(STATE)/report-svg/%.svg: $(FIGS)/%.pdf paper/figure_svg.sh | $(ENV_STAMP)
	@mkdir -p $(@D)
	@paper/figure_svg.sh $< $@

# $(STATE)/report-sources: what the report names as its sources (paper/filter.lua): the last
# commit that changed anything but paper/report.pdf, and whether tracked files differ from it.
# Rewritten only when that changes, so that a commit of, say, the README alone remakes the report.
$(STATE)/report-sources: FORCE
	@mkdir -p $(@D); v="$$(git log -1 --format=%H -- . ':(exclude)paper/report.pdf' 2>/dev/null) \
	  $$(git status --porcelain --untracked-files=no -- . ':(exclude)paper/report.pdf' 2>/dev/null | head -c 1 | wc -c)"; \
	  [ -f $@ ] && [ "$$(cat $@)" = "$$v" ] || printf '%s\n' "$$v" > $@

ifneq ($(wildcard paper/report.md),)
report: $(REPORT_DIR)/report.html $(REPORT_DIR)/report.pdf ## paper/report.md -> report.html and report.pdf (after every figure)

$(REPORT_DIR)/listings/%.html: % paper/listing.sh
	@paper/listing.sh $< $@

$(REPORT_DIR)/report.html: $(REPORT_SRCS) $(CODE_SRCS) $(ALL_PLOTS) $(ALL_COMPLETE) $(STATE)/report-sources | $(LISTINGS) $(ENV_STAMP)
	@mkdir -p $(@D)
	pandoc paper/report.md $(PANDOC_FLAGS) --metadata target=html --mathml --self-contained -o $(@:.html=.tmp.html) \
	  || { rm -f $(@:.html=.tmp.html); exit 1; }
	@mv -f $(@:.html=.tmp.html) $@

$(REPORT_DIR)/report.pdf: $(REPORT_SRCS) $(CODE_SRCS) $(ALL_PLOTS) $(REPORT_SVGS) $(ALL_COMPLETE) $(STATE)/report-sources | $(ENV_STAMP)
	@mkdir -p $(@D)
	@rm -rf $(STATE)/report-media
	@rm -rf $(STATE)/report-math
	SOURCE_DATE_EPOCH=946684800 pandoc paper/report.md $(PANDOC_FLAGS) --metadata target=pdf --extract-media=$(STATE)/report-media --pdf-engine=weasyprint \
	  --metadata svgdir=$(abspath $(STATE)/report-svg) \
	  $(if $(wildcard paper/math.lua),--lua-filter paper/math.lua --metadata mathdir=$(abspath $(STATE)/report-math)) \
	  -o $(@:.pdf=.tmp.pdf) || { rm -f $(@:.pdf=.tmp.pdf); exit 1; }
	@qpdf --object-streams=generate --recompress-flate --compression-level=9 --deterministic-id \
	  $(@:.pdf=.tmp.pdf) $(@:.pdf=.tmp2.pdf) || { rm -f $(@:.pdf=.tmp.pdf) $(@:.pdf=.tmp2.pdf); exit 1; }
	@rm -f $(@:.pdf=.tmp.pdf)
	@mv -f $(@:.pdf=.tmp2.pdf) $@
else
report:
	@echo 'make report: paper/report.md missing' >&2; exit 1
endif

# ---------------------------------------------------------------- benchmark
ifneq ($(BENCH_SRC),)
bench: $(BUILD)/bench | $(ENV_STAMP) ## build and run bench/bench.c
	$(BUILD)/bench
else
bench:
	@echo 'make bench: bench/bench.c does not exist yet' >&2; exit 1
endif

# ---------------------------------------------------------------- cleaning
clean: ## remove build dirs and every generated file (data/*/, figures/*.pdf|png, paper/report.*); in a git checkout the shipped data, figures and report PDF come back
	rm -rf build build-san $(filter-out build build-san,$(filter build%,$(BUILD)))
	rm -rf data/*/
	rm -f figures/*.pdf figures/*.png paper/report.html paper/report.pdf
	rm -f paper/report.tmp.* figures/*.tmp.* # temporaries of killed runs (those under data/ went above)
	rm -rf paper/listings
	@if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then git checkout -q -- data figures paper/report.pdf \
	  && echo 'data/, figures/, paper/report.pdf: back to the shipped reference data, figures and report'; fi
