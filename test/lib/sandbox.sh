#!/usr/bin/env bash
# A private PostgreSQL 15 for one developer: a relocated copy of the system
# install under /tmp/pg-NAME (PostgreSQL finds its share and lib directories
# relative to its binaries), so `make install` with its pg_config disturbs nobody
# else, plus a running cluster on PORT with its socket in /tmp/pg-NAME/sock.
# Prints the environment to eval.  Usage (as root): eval "$(bash test/lib/sandbox.sh NAME PORT | head -1)"
set -euo pipefail
NAME=$1; PORT=$2
P=/tmp/pg-$NAME
if [ ! -x $P/lib/postgresql/15/bin/pg_config ]; then
  mkdir -p $P/lib/postgresql $P/share/postgresql $P/include
  cp -a /usr/lib/postgresql/15 $P/lib/postgresql/
  cp -a /usr/share/postgresql/15 $P/share/postgresql/
  cp -a /usr/include/postgresql $P/include/
fi
chmod 755 $P
if [ ! -d $P/data ]; then
  mkdir -p $P/data $P/sock; chown postgres:postgres $P/data $P/sock; chmod 700 $P/data
  runuser -u postgres -- $P/lib/postgresql/15/bin/initdb -D $P/data -U postgres --auth=trust --no-sync -E UTF8 --locale=C >/dev/null
fi
chmod 777 $P/sock; touch $P/server.log; chown postgres $P/server.log
if ! runuser -u postgres -- $P/lib/postgresql/15/bin/pg_ctl -D $P/data status >/dev/null 2>&1; then
  runuser -u postgres -- $P/lib/postgresql/15/bin/pg_ctl -D $P/data -l $P/server.log -w start \
    -o "-p $PORT -k $P/sock -c listen_addresses='' -c fsync=off" >/dev/null
fi
echo "export PG_CONFIG=$P/lib/postgresql/15/bin/pg_config PGHOST=$P/sock PGPORT=$PORT PGUSER=postgres PATH=$P/lib/postgresql/15/bin:\$PATH"
echo "# restart after make install: runuser -u postgres -- $P/lib/postgresql/15/bin/pg_ctl -D $P/data -l $P/server.log -w restart"
