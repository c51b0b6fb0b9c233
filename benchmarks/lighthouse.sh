#!/usr/bin/env bash
# make lighthouse: Lighthouse 12 (mobile preset) on the main pages, served the production way.
#
# Installs Lighthouse into benchmarks/node_modules when missing, starts the site under gunicorn
# with DJANGO_ENV=production on a throwaway SQLite database (pages and demo workshops loaded,
# static files collected to a temporary folder), runs Lighthouse on each page with the installed
# Chromium, prints the four scores per page and the audits that cost points, and stops the server.
#
# Environment: LIGHTHOUSE_PORT (8765), CHROME_PATH (/usr/bin/chromium), LIGHTHOUSE_PAGES (space-
# separated paths), LIGHTHOUSE_STRICT=1 to exit 1 when a page misses the targets (performance 95,
# accessibility 100, best practices 95, SEO 100). Reports: benchmarks/results/lighthouse/.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
PY=$ROOT/.venv/bin/python
GUNICORN=$ROOT/.venv/bin/gunicorn
LIGHTHOUSE=$ROOT/benchmarks/node_modules/.bin/lighthouse
PORT=${LIGHTHOUSE_PORT:-8765}
BASE=http://127.0.0.1:$PORT
OUT=$ROOT/benchmarks/results/lighthouse
read -r -a PAGES <<< "${LIGHTHOUSE_PAGES:-/ /professional-development-workshops?q=Chicago%2C+IL /educate/districts}"
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}

if [ ! -x "$LIGHTHOUSE" ]; then
  echo "Installing Lighthouse into benchmarks/node_modules ..."
  npm ci --prefix "$ROOT/benchmarks" --no-audit --no-fund --loglevel=error
fi

WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# Production settings, on this machine only: a throwaway key and database, plain HTTP.
unset REDIS_URL DEBUG
export DJANGO_ENV=production
export SECRET_KEY="lighthouse-only-not-a-secret-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export ALLOWED_HOSTS=127.0.0.1
export SECURE_SSL_REDIRECT=false
export SITE_URL=$BASE
export DATABASE_URL=sqlite:///$WORK/db.sqlite3
export STATIC_ROOT=$WORK/static
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
export LOG_LEVEL=WARNING

echo "Preparing the site (database, pages, static files) ..."
"$PY" manage.py migrate --no-input -v 0
"$PY" manage.py load_pages -v 0
if "$PY" manage.py help load_demo_workshops >/dev/null 2>&1; then
  "$PY" manage.py load_demo_workshops -v 0
else
  echo "(no load_demo_workshops command yet: the finder shows no workshops)"
fi
"$PY" manage.py collectstatic --no-input -v 0

"$GUNICORN" pdsite.wsgi --bind "127.0.0.1:$PORT" --workers 2 --access-logfile "$WORK/access.log" \
  --error-logfile "$WORK/error.log" &
SERVER_PID=$!
for _ in $(seq 1 50); do
  if curl -fsS -o /dev/null "$BASE/healthz" 2>/dev/null; then break; fi
  sleep 0.2
done
curl -fsS -o /dev/null "$BASE/healthz" || { echo "The server did not start:"; cat "$WORK/error.log"; exit 1; }

mkdir -p "$OUT"
REPORTS=()
for path in "${PAGES[@]}"; do
  name=$(echo "$path" | sed -e 's/[^A-Za-z0-9]\+/-/g' -e 's/^-//' -e 's/-$//')
  report="$OUT/${name:-overview}.json"
  echo "Lighthouse: $path"
  "$LIGHTHOUSE" "$BASE$path" --quiet --output=json --output-path="$report" \
    --only-categories=performance,accessibility,best-practices,seo \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --disable-extensions"
  REPORTS+=("$report")
done

"$PY" "$ROOT/benchmarks/lighthouse_table.py" "${REPORTS[@]}"
