#!/usr/bin/env bash
# Collects a class from GitHub without Classroom: for each login of the roster, clones the
# student's private repository ORG/PREFIX<login> into DEST/<login>/ at its last commit before the
# deadline (on the default branch), ready for `fitcheck batch DEST --roster ROSTER`.
#
#   collect-class.sh ROSTER ORG PREFIX DEST [DEADLINE]
#
# ROSTER is fitcheck's roster (`login,id,name`, a header line first). DEADLINE is anything
# `git rev-list --before` reads (2026-12-05T23:59:00-03:00); none: the latest commit.
# GH_TOKEN: a token that may read the repositories (sent as a header, never stored in a clone).
# FITCHECK_GIT_BASE: where the repositories are (default https://github.com; tests use file://).
# Prints one CSV row per roster line — login,commit,committed_at,status (collected, late: no
# commit before the deadline, missing: no such repository, invalid: not a GitHub login) — and exits
# non-zero only when it cannot run at all: a student without a repository is a row, not a failure.
set -euo pipefail

if [ "$#" -lt 4 ] || [ "$#" -gt 5 ]; then
  echo "usage: $0 ROSTER ORG PREFIX DEST [DEADLINE]" >&2
  exit 2
fi
roster=$1 org=$2 prefix=$3 dest=$4 deadline=${5:-}
base=${FITCHECK_GIT_BASE:-https://github.com}
# A GitHub login or repository name: letters, digits and single hyphens; nothing a path could use.
name_re='^[A-Za-z0-9]([A-Za-z0-9]|-[A-Za-z0-9])*$'
[[ $org =~ $name_re ]] || { echo "$0: ORG \"$org\" is not a GitHub organization name" >&2; exit 2; }
[[ -z $prefix || $prefix =~ ^[A-Za-z0-9._-]+$ ]] || { echo "$0: PREFIX \"$prefix\" may hold only letters, digits, '.', '_' and '-'" >&2; exit 2; }
[ -r "$roster" ] || { echo "$0: cannot read the roster $roster" >&2; exit 2; }
mkdir -p "$dest"

auth=()
if [ -n "${GH_TOKEN:-}" ]; then
  auth=(-c "http.extraHeader=Authorization: Basic $(printf 'x-access-token:%s' "$GH_TOKEN" | base64 | tr -d '\n')")
fi

echo "login,commit,committed_at,status"
# The roster's first column, its header line skipped, CR of a spreadsheet's CSV dropped.
tail -n +2 "$roster" | tr -d '\r' | cut -d, -f1 | while IFS= read -r login; do
  [ -n "$login" ] || continue
  if ! [[ $login =~ $name_re ]] || [ "${#login}" -gt 39 ]; then
    printf '%s,,,invalid\n' "$(printf '%s' "$login" | tr -c 'A-Za-z0-9_.-' '_')"
    continue
  fi
  target="$dest/$login"
  rm -rf "$target"
  if ! GIT_TERMINAL_PROMPT=0 git "${auth[@]}" clone --quiet --no-checkout "$base/$org/$prefix$login.git" "$target" 2>/dev/null; then
    rm -rf "$target"
    printf '%s,,,missing\n' "$login"
    continue
  fi
  commit=$(git -C "$target" rev-list -1 --first-parent ${deadline:+"--before=$deadline"} HEAD 2>/dev/null || true)
  if [ -z "$commit" ]; then
    rm -rf "$target"
    printf '%s,,,late\n' "$login"
    continue
  fi
  git -C "$target" -c advice.detachedHead=false checkout --quiet "$commit"
  printf '%s,%s,%s,collected\n' "$login" "$commit" "$(git -C "$target" show -s --format=%cI "$commit")"
  # The grade needs the files, not the history.
  rm -rf "$target/.git"
done
