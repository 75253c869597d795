#!/usr/bin/env bash
# setup-hub.sh — a JupyterHub for a class on this machine, with Lingo.
#
#   sudo deploy/setup-hub.sh [--prefix DIR] [--students N] [--mem 2G] [--cpus 1]
#                            [--port 8000] [--ip 127.0.0.1] [--systemd] [--start]
#
# Installs Debian's jupyterhub and configurable-http-proxy (apt), checks that
# Lingo is installed system-wide under PREFIX (./install.sh --system
# [--prefix DIR]; default /usr/local), writes /etc/lingo-hub/jupyterhub_config.py
# (deploy/jupyterhub_config.py) and /etc/lingo-hub/env (the settings below),
# and makes /var/lib/lingo-hub for the hub's database and secrets.
#
#   --students N   create Unix accounts student01…studentNN with private homes
#                  (0700) and random passwords, listed in
#                  /var/lib/lingo-hub/students.txt (mode 0600); they log in
#                  with PAM like any other user
#   --mem, --cpus  each student's limits (MEM_LIMIT, CPU_LIMIT): Lingo's worker
#                  sets GOMEMLIMIT and GOMAXPROCS from them and holds itself to
#                  the memory limit (see docs/deploy.md for sizing)
#   --systemd      install lingo-hub.service (systemd) and enable it
#   --start        start the hub in the foreground now
#
# The hub listens on --ip:--port (default 127.0.0.1:8000): put a TLS proxy in
# front of it, or use --ip 0.0.0.0 only on a trusted network.
set -euo pipefail

PREFIX=/usr/local
STUDENTS=0
MEM=2G
CPUS=1
PORT=8000
IP=127.0.0.1
SYSTEMD=0
START=0
while [ $# -gt 0 ]; do
	case $1 in
	--prefix) PREFIX=$2; shift ;;
	--students) STUDENTS=$2; shift ;;
	--mem) MEM=$2; shift ;;
	--cpus) CPUS=$2; shift ;;
	--port) PORT=$2; shift ;;
	--ip) IP=$2; shift ;;
	--systemd) SYSTEMD=1 ;;
	--start) START=1 ;;
	*) echo "setup-hub.sh: unknown option $1 (see the top of the script)" >&2; exit 2 ;;
	esac
	shift
done
HERE=$(cd "$(dirname "$0")" && pwd)
ETC=/etc/lingo-hub
STATE=/var/lib/lingo-hub

die() { printf 'setup-hub.sh: %s\n' "$*" >&2; exit 1; }
step() { printf '\n==> %s\n' "$*"; }

[ "$(id -u)" -eq 0 ] || die "run as root: it installs packages, creates accounts and runs the hub as root (PAM and LocalProcessSpawner need it)"
[ -x "$PREFIX/bin/lingo" ] && [ -d "$PREFIX/lib/lingo" ] ||
	die "Lingo is not installed system-wide under $PREFIX: run ./install.sh --system --prefix $PREFIX first"

step "JupyterHub and configurable-http-proxy (apt)"
if ! dpkg -s jupyterhub node-configurable-http-proxy >/dev/null 2>&1; then
	apt-get update -qq || echo "apt-get update failed; trying the install anyway"
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends jupyterhub node-configurable-http-proxy
fi
jupyterhub --version

step "Configuration in $ETC, state in $STATE"
install -d -m 0755 "$ETC"
install -d -m 0700 "$STATE"
install -m 0644 "$HERE/jupyterhub_config.py" "$ETC/jupyterhub_config.py"
cat > "$ETC/env" <<EOF
LINGO_PREFIX=$PREFIX
LINGO_HUB_STATE=$STATE
LINGO_HUB_IP=$IP
LINGO_HUB_PORT=$PORT
LINGO_HUB_MEM_LIMIT=$MEM
LINGO_HUB_CPU_LIMIT=$CPUS
EOF
chmod 0644 "$ETC/env"
cat "$ETC/env"

if [ "$STUDENTS" -gt 0 ]; then
	step "$STUDENTS student accounts (private homes, passwords in $STATE/students.txt)"
	umask 077
	: > "$STATE/students.txt.new"
	for i in $(seq -w 1 "$STUDENTS"); do
		u=student$i
		if ! id "$u" >/dev/null 2>&1; then
			useradd --create-home --shell /bin/bash -K HOME_MODE=0700 "$u"
			pw=$(head -c 12 /dev/urandom | base64 | tr -d '/+=' | head -c 12)
			echo "$u:$pw" | chpasswd
			echo "$u $pw" >> "$STATE/students.txt.new"
		fi
	done
	cat "$STATE/students.txt.new" >> "$STATE/students.txt"
	rm -f "$STATE/students.txt.new"
	umask 022
	echo "$(wc -l < "$STATE/students.txt") accounts listed in $STATE/students.txt"
fi

if [ $SYSTEMD = 1 ]; then
	step "lingo-hub.service"
	cat > /etc/systemd/system/lingo-hub.service <<EOF
[Unit]
Description=JupyterHub with Lingo
After=network.target

[Service]
EnvironmentFile=$ETC/env
WorkingDirectory=$STATE
ExecStart=/usr/bin/jupyterhub -f $ETC/jupyterhub_config.py
Restart=on-failure

[Install]
WantedBy=multi-user.target
EOF
	systemctl daemon-reload
	# Debian's own jupyterhub.service would take the same port.
	systemctl disable --now jupyterhub.service 2>/dev/null || true
	systemctl enable --now lingo-hub.service
	echo "started: systemctl status lingo-hub"
fi

echo
echo "Start the hub by hand with:"
echo "  cd $STATE && env \$(cat $ETC/env) jupyterhub -f $ETC/jupyterhub_config.py"
echo "then open http://$IP:$PORT and log in as a student."
if [ $START = 1 ]; then
	cd "$STATE"
	# shellcheck disable=SC2046
	exec env $(cat "$ETC/env") jupyterhub -f "$ETC/jupyterhub_config.py"
fi
