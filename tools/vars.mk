# tools/vars.mk: the make variables a user sets, checked before any recipe or $(shell) sees them.
#
# Included by the Makefile once its defaults and env/slurm.conf.mk are read. A value that is not
# of its accepted form stops make with one line and exit status 2, before anything runs or is
# written (the seeds stamp included):
#     tools/vars.mk:NN: *** make: SEEDS=0: expected a number of seeds per condition, 1 to 100000 ...
# Values are read with $(value), never expanded, and tested with make's own text functions
# ($(subst), $(filter), $(words), $(if)): `make 'SEEDS=$(shell ...)'` is refused, not run, and no
# value is handed to a shell to be checked. Checked whatever their origin (command line,
# environment, env/slurm.conf.mk), except JOBS, which counts only on the command line (the
# Makefile sets its own otherwise, whatever the environment says). A value read from a makefile loses
# the blanks before its comment (`SLURM_TIME = 00:10:00  # per unit`). A newline is never part of
# an accepted value. Not here: the defaults and what each variable does (Makefile, README.md).

cc_empty :=
cc_space := $(cc_empty) $(cc_empty)
cc_tab := $(cc_empty)	$(cc_empty)
define cc_newline


endef

# Character sets, one character a word.
CC_DIGITS := 0 1 2 3 4 5 6 7 8 9
CC_LETTERS := a b c d e f g h i j k l m n o p q r s t u v w x y z \
              A B C D E F G H I J K L M N O P Q R S T U V W X Y Z
CC_NAME_CHARS := $(CC_LETTERS) $(CC_DIGITS) _ . -
CC_PATH_CHARS := $(CC_NAME_CHARS) / +
CC_OPTION_CHARS := $(CC_NAME_CHARS) : , = / +

# Every test below gives "y" when its argument TEXT has the form, nothing otherwise. They use
# $(if), never $(and)/$(or): those take a blank as true.

# $(call cc_drop,TEXT,CHARS): TEXT without any character of CHARS.
cc_drop = $(if $(2),$(call cc_drop,$(subst $(firstword $(2)),,$(1)),$(wordlist 2,$(words $(2)),$(2))),$(1))
# $(call cc_spread,TEXT,CHARS): TEXT (made of CHARS) one character a word, to count them.
cc_spread = $(if $(2),$(call cc_spread,$(subst $(firstword $(2)),$(firstword $(2)) ,$(1)),$(wordlist 2,$(words $(2)),$(2))),$(1))
# $(call cc_visible,TEXT): blanks shown as '?', so that $(if) does not take them for nothing.
cc_visible = $(subst $(cc_space),?,$(subst $(cc_tab),?,$(subst $(cc_newline),?,$(1))))
# $(call cc_made_of,TEXT,CHARS): TEXT is not empty and has no character outside CHARS.
cc_made_of = $(if $(call cc_visible,$(1)),$(if $(call cc_visible,$(call cc_drop,$(1),$(2))),,y))
# $(call cc_fewer,TEXT,CHARS,N): TEXT (made of CHARS) has fewer than N characters.
cc_fewer = $(if $(word $(3),$(call cc_spread,$(1),$(2))),,y)
# $(call cc_optional,TEST,TEXT[,ARG]): TEXT is empty or passes TEST (given ARG too).
cc_optional = $(if $(call cc_visible,$(2)),$(call $(1),$(2),$(3)),y)

# $(call cc_is_one_of,TEXT,WORDS): TEXT is exactly one of WORDS.
cc_is_one_of = $(if $(call cc_made_of,$(1),$(CC_NAME_CHARS)),$(if $(filter $(2),$(1)),y))
cc_is_bit = $(call cc_is_one_of,$(1),0 1)
cc_is_bit_or_empty = $(call cc_optional,cc_is_bit,$(1))
cc_is_blas = $(call cc_is_one_of,$(1),openblas gsl)
cc_is_engine = $(call cc_is_one_of,$(1),local slurm)
cc_is_digits = $(call cc_made_of,$(1),$(CC_DIGITS))
# $(call cc_is_count,TEXT,N): a positive integer of fewer than N digits, no leading zero.
cc_is_count = $(if $(call cc_is_digits,$(1)),$(if $(filter 0%,$(1)),,$(call cc_fewer,$(1),$(CC_DIGITS),$(2))))
cc_is_jobs = $(call cc_is_count,$(1),5)
cc_is_cpus = $(call cc_is_count,$(1),5)
cc_is_mb = $(call cc_is_count,$(1),8)
# 1 to 100000: up to five digits, or 100000 itself.
cc_is_seeds = $(if $(call cc_is_count,$(1),7),$(if $(call cc_fewer,$(1),$(CC_DIGITS),6),y,$(filter 100000,$(1))))
cc_is_seeds_or_empty = $(call cc_optional,cc_is_seeds,$(1))
cc_is_claim_id = $(if $(call cc_made_of,$(1),$(CC_NAME_CHARS)),$(call cc_fewer,$(1),$(CC_NAME_CHARS),101))
cc_is_claim_id_or_empty = $(call cc_optional,cc_is_claim_id,$(1))
cc_is_name_or_empty = $(call cc_optional,cc_made_of,$(1),$(CC_NAME_CHARS))
# A folder: letters, digits, _ . / + -, not starting with '-' (it would read as an option).
cc_is_path = $(if $(call cc_made_of,$(1),$(CC_PATH_CHARS)),$(if $(filter -%,$(1)),,y))

# Slurm's time limits: M, M:S, H:M:S, D-H, D-H:M, D-H:M:S, every field digits and not empty.
cc_is_slurm_time = $(if $(call cc_made_of,$(1),$(CC_DIGITS) - :),$(if $(filter -% :% %- %:,$(1)),,$(if \
  $(findstring --,$(1))$(findstring ::,$(1))$(findstring -:,$(1))$(findstring :-,$(1)),,$(call cc_time_fields,$(subst -, ,$(1))))))
# the fields of a time split at '-': H[:M[:S]] after a day D (which has no ':'), or M[:S] or H:M:S alone
cc_time_fields = $(if $(word 3,$(1)),,$(if $(word 2,$(1)),$(if $(findstring :,$(word 1,$(1))),,$(call cc_three_at_most,$(word 2,$(1)))),$(call cc_three_at_most,$(1))))
cc_three_at_most = $(if $(word 4,$(subst :, ,$(1))),,y)
# Slurm's memory sizes: digits, then at most one of K, M, G, T; empty: the cluster's default.
cc_is_slurm_mem = $(if $(call cc_is_digits,$(1)),y,$(if $(strip $(foreach u,K M G T,$(call cc_is_digits,$(patsubst %$(u),%,$(filter %$(u),$(1)))))),y))
cc_is_slurm_mem_or_empty = $(call cc_optional,cc_is_slurm_mem,$(1))
# More sbatch options: words --name or --name=value separated by spaces (no tab), or nothing.
cc_is_slurm_extra = $(if $(findstring $(cc_tab),$(1)),,$(if $(strip $(foreach w,$(1),$(if $(call cc_is_option,$(w)),,no))),,y))
cc_is_option = $(if $(filter --%,$(1)),$(call cc_is_option_named,$(patsubst --%,%,$(1)),$(firstword $(subst =, ,$(patsubst --%,%,$(1))))))
# $(call cc_is_option_named,NAME[=VALUE],NAME): NAME letters, digits, - (not first); VALUE CC_OPTION_CHARS or empty
cc_is_option_named = $(if $(call cc_made_of,$(2),$(CC_LETTERS) $(CC_DIGITS) -),$(if $(filter -%,$(2)),,$(if \
  $(filter $(2),$(1)),y,$(if $(filter $(2)=%,$(1)),$(call cc_optional,cc_made_of,$(patsubst $(2)=%,%,$(1)),$(CC_OPTION_CHARS))))))

# The accepted form of each variable, as the refusal states it.
cc_form_BLAS := expected openblas or gsl
cc_form_SAN := expected 0 or 1
cc_form_QUICK := expected 0 or 1
cc_form_ENV_CHECK := expected 0 or 1
cc_form_V := expected 0, 1 or nothing
cc_form_VERIFY := expected 0, 1 or nothing
cc_form_ENGINE := expected local or slurm
cc_form_SEEDS := expected a number of seeds per condition, 1 to 100000 (or nothing: the config's own)
cc_form_JOBS := expected a number of jobs, 1 to 9999
cc_form_UNIT_MB_MIN := expected a number of MB, 1 to 9999999
cc_form_ID := expected a claim id of letters, digits, _ . - (at most 100), as make claims lists them
cc_form_SLURM_TIME := expected a Slurm time limit, digits as M, M:S, H:M:S, D-H, D-H:M or D-H:M:S
cc_form_SLURM_MEM := expected a Slurm memory size, digits with an optional K, M, G or T suffix (or nothing)
cc_form_SLURM_CPUS := expected a number of CPUs per unit, 1 to 9999
cc_form_SLURM_PARTITION := expected a Slurm partition name of letters, digits, _ . - (or nothing)
cc_form_SLURM_ACCOUNT := expected a Slurm account name of letters, digits, _ . - (or nothing)
cc_form_SLURM_EXTRA := expected sbatch options separated by spaces, each --name or --name=value, the value of letters, digits, _ . : , = / + -
cc_form_path := expected a folder of letters, digits, _ . / + -, not starting with -
cc_form_BUILD := $(cc_form_path)
cc_form_DATA := $(cc_form_path)
cc_form_FIGS := $(cc_form_path)
cc_form_REPORT_DIR := $(cc_form_path)

# $(call cc_text,VAR): the raw value of VAR as tested: a makefile's value without its outer blanks.
cc_text = $(if $(filter file,$(origin $(1))),$(strip $(value $(1))),$(value $(1)))
# $(call cc_shown,TEXT): TEXT on one line.
cc_shown = $(subst $(cc_tab),\t,$(subst $(cc_newline),\n,$(1)))
# $(call cc_check,VAR,TEST): stop make, naming VAR, its value and its form, unless VAR passes TEST.
cc_check = $(if $(findstring $(cc_newline),$(value $(1))),$(call cc_refuse,$(1)),$(if $(call $(2),$(call cc_text,$(1))),,$(call cc_refuse,$(1))))
cc_refuse = $(error make: $(1)=$(call cc_shown,$(value $(1))): $(cc_form_$(1))$(cc_from_$(firstword $(origin $(1)))))
cc_from_environment := $(cc_space)(from the environment)
cc_from_file := $(cc_space)(from env/slurm.conf.mk)
# $(call cc_check_given,VAR,TEST): the same, for JOBS: the Makefile sets it itself unless given on the command line.
cc_check_given = $(if $(filter command,$(firstword $(origin $(1)))),$(call cc_check,$(1),$(2)))
# $(call cc_check_defined,VAR,TEST): the same, for a variable with no default before this file.
cc_check_defined = $(if $(filter undefined,$(origin $(1))),,$(call cc_check,$(1),$(2)))

$(call cc_check,BLAS,cc_is_blas)
$(call cc_check,SAN,cc_is_bit)
$(call cc_check,QUICK,cc_is_bit)
$(call cc_check,ENV_CHECK,cc_is_bit)
$(call cc_check,V,cc_is_bit_or_empty)
$(call cc_check,VERIFY,cc_is_bit_or_empty)
$(call cc_check,ENGINE,cc_is_engine)
$(call cc_check,SEEDS,cc_is_seeds_or_empty)
$(call cc_check_given,JOBS,cc_is_jobs)
$(call cc_check_defined,UNIT_MB_MIN,cc_is_mb)
$(call cc_check,ID,cc_is_claim_id_or_empty)
$(call cc_check,SLURM_TIME,cc_is_slurm_time)
$(call cc_check,SLURM_MEM,cc_is_slurm_mem_or_empty)
$(call cc_check,SLURM_CPUS,cc_is_cpus)
$(call cc_check,SLURM_PARTITION,cc_is_name_or_empty)
$(call cc_check,SLURM_ACCOUNT,cc_is_name_or_empty)
$(call cc_check,SLURM_EXTRA,cc_is_slurm_extra)
$(foreach v,BUILD DATA FIGS REPORT_DIR,$(call cc_check_defined,$(v),cc_is_path))

# Checked values read from a makefile are used as tested: without their outer blanks.
$(foreach v,BLAS SAN QUICK ENV_CHECK V VERIFY ENGINE SEEDS ID SLURM_TIME SLURM_MEM SLURM_CPUS \
  SLURM_PARTITION SLURM_ACCOUNT SLURM_EXTRA BUILD DATA FIGS REPORT_DIR,\
  $(if $(filter file,$(origin $(v))),$(eval $(v) := $$(strip $$(value $(v))))))
