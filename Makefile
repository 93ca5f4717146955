# enrollment: PGXS build. See README.md for the two commands that matter.
EXTENSION  = enrollment
EXTVERSION = 0.1.0
MODULE_big = enrollment

# The install script is assembled from one file per concern (src/sql/NN_*.sql,
# applied in name order); upgrade scripts enrollment--A--B.sql sit beside them.
SQL_PARTS  = $(sort $(wildcard src/sql/[0-9][0-9]_*.sql))
DATA_built = src/sql/$(EXTENSION)--$(EXTVERSION).sql
DATA       = $(wildcard src/sql/$(EXTENSION)--*--*.sql)

OBJS       = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))
PG_CPPFLAGS = -Isrc
PG_CFLAGS  = -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare -Wmissing-prototypes
SHLIB_LINK += -ljansson

# pg_regress: sql/*.sql against expected/*.out, discovered by wildcard.
REGRESS    = $(patsubst sql/%.sql,%,$(sort $(wildcard sql/*.sql)))
REGRESS_OPTS = --load-extension=$(EXTENSION)
# Isolation specs live under test/ (test/specs/*.spec, test/expected/*.out).
ISOLATION  = $(patsubst test/specs/%.spec,%,$(sort $(wildcard test/specs/*.spec)))
ISOLATION_OPTS = --inputdir=test --load-extension=$(EXTENSION)

EXTRA_CLEAN = $(DATA_built) results regression.diffs regression.out output_iso test/fuzz/*.bin

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# The API schema's parts (src/sql/api/NN_*.sql) are not run by CREATE EXTENSION:
# they become the text of enrollment.api_script(), which enrollment.create_api()
# executes, so that the API's objects are ordinary objects and not extension
# members (src/sql/43_api_create.sql says why).
API_PARTS  = $(sort $(wildcard src/sql/api/[0-9][0-9]_*.sql))

$(DATA_built): $(SQL_PARTS) $(API_PARTS)
	cat $(SQL_PARTS) > $@
	printf '%s\n' '' '-- The API script (src/sql/api/), run by enrollment.create_api().' \
	  'CREATE FUNCTION enrollment.api_script() RETURNS text' \
	  '    LANGUAGE sql IMMUTABLE PARALLEL SAFE' \
	  '    RETURN $$api_script$$' >> $@
	cat $(API_PARTS) >> $@
	printf '%s\n' '$$api_script$$;' \
	  "COMMENT ON FUNCTION enrollment.api_script() IS 'the statements that create schema program (src/sql/api/NN_*.sql in name order); run by enrollment.create_api()';" \
	  'REVOKE ALL ON FUNCTION enrollment.api_script() FROM PUBLIC;' >> $@
