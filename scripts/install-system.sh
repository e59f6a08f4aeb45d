#!/usr/bin/env bash
# What the tests need from the machine, beyond npm packages: Debian's Chromium (Playwright cannot
# download its own browser here) and running PostgreSQL and Redis. Safe to run again.
set -euo pipefail

# Both: the headless shell (the pool's first choice: faster and leaner) and full Chromium, which
# some tests and the benchmarks launch by path.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromium-headless-shell ]; then
  echo "scribe-pipeline: installing Debian's chromium and chromium-headless-shell" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-headless-shell >&2
fi

if command -v pg_isready >/dev/null && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "scribe-pipeline: starting PostgreSQL" >&2
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
fi

if command -v redis-cli >/dev/null && ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "scribe-pipeline: starting Redis" >&2
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
fi
