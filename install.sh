#!/usr/bin/env bash
# Niveau installer: checks Node.js, installs dependencies, builds, backs up an existing
# SQLite database, migrates, creates the defaults and the first admin, then starts.
# Safe to re-run: that is also how you upgrade (git pull && ./install.sh --no-start).
# It never prompts, so it runs the same from a terminal, a script or a CI job.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: ./install.sh [--demo] [--no-start] [--service]

  --demo       also load the demo data set (only into a database with no tickets yet)
  --no-start   install and set up, but do not start the server
  --service    write a systemd unit and environment file (to /etc when run as root,
               else to ./deploy/) instead of starting in the foreground
  -h, --help   this help

Environment: PORT, DATA_DIR, DATABASE_URL (PostgreSQL) and every setting listed in the
README; ADMIN_USERNAME, ADMIN_PASSWORD, ADMIN_EMAIL for the first admin account.
EOF
}

DEMO=0 START=1 SERVICE=0
for arg in "$@"; do
  case "$arg" in
    --demo) DEMO=1 ;;
    --no-start) START=0 ;;
    --service) SERVICE=1 START=0 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "Unknown option: $arg" >&2; usage >&2; exit 1 ;;
  esac
done

cd "$(dirname "$(readlink -f "$0")")"
ROOT="$(pwd)"
STEPS=6
if [ -t 1 ]; then BOLD=$'\e[1m' RED=$'\e[31m' YELLOW=$'\e[33m' RESET=$'\e[0m'; else BOLD="" RED="" YELLOW="" RESET=""; fi
step() { printf '\n%s[%d/%d] %s%s\n' "$BOLD" "$1" "$STEPS" "$2" "$RESET"; }
fail() { printf '%sError:%s %s\n' "$RED" "$RESET" "$*" >&2; exit 1; }
warn() { printf '%sWarning:%s %s\n' "$YELLOW" "$RESET" "$*" >&2; }

# No progress bars or questions when nobody is watching (CI, provisioning scripts).
if [ ! -t 0 ]; then
  export npm_config_progress=false npm_config_yes=true
fi

step 1 "Checking Node.js and npm ..."
command -v node >/dev/null 2>&1 || fail "Node.js is not installed. Install Node.js 20.19 or newer (https://nodejs.org or your distribution's nodejs package)."
command -v npm >/dev/null 2>&1 || fail "npm is not installed. On Debian/Ubuntu: apt-get install npm (or install Node.js from nodejs.org, which includes npm)."
NODE_VERSION="$(node -p 'process.versions.node')"
IFS=. read -r NODE_MAJOR NODE_MINOR _ <<<"$NODE_VERSION"
if [ "$NODE_MAJOR" -lt 20 ] || { [ "$NODE_MAJOR" -eq 20 ] && [ "$NODE_MINOR" -lt 19 ]; }; then
  fail "Node.js $NODE_VERSION is too old: Niveau needs Node.js 20.19 or newer (20, 22 and 24 are supported)."
fi
echo "Node.js $NODE_VERSION, npm $(npm -v)"

step 2 "Installing dependencies (npm ci) ..."
# npm ci starts from scratch and recompiles better-sqlite3 (minutes); a re-run with the same
# lockfile and the same Node ABI keeps what is there.
DEPS_STAMP="$(sha256sum package-lock.json | cut -d' ' -f1) $(node -p 'process.versions.modules + "-" + process.platform + "-" + process.arch')"
if [ -f node_modules/.niveau-deps ] && [ "$(cat node_modules/.niveau-deps)" = "$DEPS_STAMP" ]; then
  echo "Dependencies already installed for this package-lock.json and Node.js (delete node_modules to force)."
else
  # when better-sqlite3 has to compile, use every core
  JOBS="${JOBS:-max}" npm ci --no-audit --no-fund
  echo "$DEPS_STAMP" >node_modules/.niveau-deps
fi

step 3 "Building (npm run build) ..."
npm run build

step 4 "Preparing the data folder ..."
# Ask the built app where its data goes, so config/*.json and the environment are honoured
# exactly as the server will read them.
PROBE="$(node -e '
  const { loadConfig } = require("./dist/src/platform/config");
  try {
    const c = loadConfig();
    console.log([c.databaseUrl ? "postgres" : "sqlite", c.dataDir, c.sqlitePath, c.port].join("\t"));
  } catch (e) { console.error(e.message); process.exit(2); }
')" || fail "the configuration is invalid (see above)."
IFS=$'\t' read -r DB_KIND DATA_PATH SQLITE_PATH APP_PORT <<<"$PROBE"
mkdir -p "$DATA_PATH"
chmod 750 "$DATA_PATH"
echo "Data folder: $DATA_PATH"
if [ "$DB_KIND" = "postgres" ]; then
  echo "Database: PostgreSQL (DATABASE_URL). Back it up with your usual tools or: npm run cli -- db backup --out niveau.dump"
elif [ -f "$SQLITE_PATH" ]; then
  BACKUP="$DATA_PATH/backups/niveau-$(date +%Y%m%d-%H%M%S).sqlite"
  echo "Existing database found: backing it up before migrating ..."
  node dist/src/cli.js db backup --out "$BACKUP"
else
  echo "Database: new SQLite database at $SQLITE_PATH"
fi

step 5 "Setting up the database (migrations, defaults, first admin) ..."
if [ "$DEMO" = 1 ]; then node dist/src/cli.js setup --demo; else node dist/src/cli.js setup; fi
# A root re-run (an upgrade) must not leave root-owned files in the service user's data folder.
DATA_OWNER="$(stat -c %U "$DATA_PATH")"
if [ "$(id -u)" -eq 0 ] && [ "$DATA_OWNER" != root ]; then chown -R "$DATA_OWNER:" "$DATA_PATH"; fi

write_service() {
  local node_bin user env_file unit_file protect_home
  node_bin="$(command -v node)"
  if [ "$(id -u)" -eq 0 ]; then
    user="${NIVEAU_USER:-niveau}"
    if ! id "$user" >/dev/null 2>&1; then
      useradd --system --home-dir "$DATA_PATH" --no-create-home --shell /usr/sbin/nologin "$user"
      echo "Created the system user $user"
    fi
    chown -R "$user:" "$DATA_PATH"
    runuser -u "$user" -- test -r "$ROOT/dist/src/main.js" ||
      warn "$user cannot read $ROOT; install Niveau in a folder it can read (e.g. /opt/niveau)."
    mkdir -p /etc/niveau
    env_file=/etc/niveau/niveau.env unit_file=/etc/systemd/system/niveau.service
  else
    user="$(id -un)"
    mkdir -p deploy
    env_file="$ROOT/deploy/niveau.env" unit_file="$ROOT/deploy/niveau.service"
  fi
  # An existing env file is kept: a new SESSION_SECRET would sign everybody out.
  if [ ! -f "$env_file" ]; then
    (
      umask 077
      {
        echo "# Niveau settings (see README, Configuration). Restart the service after a change."
        echo "NODE_ENV=production"
        echo "PORT=$APP_PORT"
        echo "DATA_DIR=$DATA_PATH"
        echo "SESSION_SECRET=$(node -p 'require("crypto").randomBytes(48).toString("base64url")')"
        if [ -n "${DATABASE_URL:-}" ]; then echo "DATABASE_URL=$DATABASE_URL"; else echo "# DATABASE_URL=postgres://niveau:secret@db.example.org:5432/niveau"; fi
        echo "# BASE_URL=https://servicedesk.example.org"
        echo "# TRUST_PROXY=loopback"
      } >"$env_file"
    )
    [ "$(id -u)" -eq 0 ] && chown "root:$user" "$env_file" && chmod 640 "$env_file"
    echo "Wrote $env_file"
  else
    echo "Kept the existing $env_file"
  fi
  # ProtectHome=true would hide an install under /home or /root from the service itself.
  case "$ROOT" in /home/*|/root/*) protect_home=read-only ;; *) protect_home=true ;; esac
  cat >"$unit_file" <<EOF
[Unit]
Description=Niveau IT service desk
Documentation=file://$ROOT/README.md
After=network-online.target postgresql.service
Wants=network-online.target

[Service]
Type=simple
User=$user
WorkingDirectory=$ROOT
EnvironmentFile=/etc/niveau/niveau.env
ExecStart=$node_bin dist/src/main.js
Restart=on-failure
RestartSec=5
# Hardening: the app only needs to read its code and write its data folder.
NoNewPrivileges=true
ProtectSystem=strict
ProtectHome=$protect_home
ReadWritePaths=$DATA_PATH
PrivateTmp=true
PrivateDevices=true
ProtectKernelTunables=true
ProtectKernelModules=true
ProtectKernelLogs=true
ProtectControlGroups=true
ProtectClock=true
RestrictSUIDSGID=true
RestrictRealtime=true
RestrictNamespaces=true
LockPersonality=true
SystemCallArchitectures=native
CapabilityBoundingSet=
UMask=0027

[Install]
WantedBy=multi-user.target
EOF
  echo "Wrote $unit_file"
  if [ "$(id -u)" -eq 0 ]; then
    echo
    echo "Enable and start it with:"
    echo "  systemctl daemon-reload && systemctl enable --now niveau"
    echo "  journalctl -u niveau -f      # logs"
  else
    echo
    echo "Install it as root with:"
    echo "  sudo install -D -m 640 deploy/niveau.env /etc/niveau/niveau.env"
    echo "  sudo install -m 644 deploy/niveau.service /etc/systemd/system/niveau.service"
    echo "  sudo systemctl daemon-reload && sudo systemctl enable --now niveau"
  fi
}

if [ "$SERVICE" = 1 ]; then
  step 6 "Writing the systemd service ..."
  write_service
elif [ "$START" = 1 ]; then
  step 6 "Starting Niveau on http://localhost:$APP_PORT (Ctrl+C to stop) ..."
  exec npm start
else
  step 6 "Done."
  echo "Start the server with: npm start   (then open http://localhost:$APP_PORT)"
fi
