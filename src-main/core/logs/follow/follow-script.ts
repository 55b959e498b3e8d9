import { cmd, type RemoteCommand } from '../../connectors/ssh/remote-command';

/**
 * The remote side of following one file: a POSIX sh loop (stat, tail -c, head -c, sleep) that
 * holds the file open on fd 3 and emits framed chunks, so the core always knows the exact inode
 * and byte offset of every byte it receives. Fixed text; the path and state travel as positional
 * arguments quoted by remote-command.ts.
 *
 * Arguments: $1 path, $2 inode to resume (empty: start fresh), $3 offset to resume at,
 * $4 bytes of history to send first on a fresh start, $5 mode ('T': the held file was truncated
 * under our offset; recover from the copy first).
 *
 * Frames (a header line, then for D and C exactly LEN bytes, padded with NUL if the file
 * shrank between stat and read):
 *   O INO START END   reading INO from START (fresh start: END = its size now, history ends there;
 *                     resume: START is the offset given, or 0 on another file after G)
 *   D INO START LEN   bytes of the followed file from START (START = core offset − overlap)
 *   C INO START LEN   bytes of the rotated copy (PATH.1) of truncated file INO, from START
 *   T INO HOW         INO was truncated (copytruncate): it is read again from 0; HOW = ok (the
 *                     rest came from PATH.1 in C frames), nocopy (no PATH.1), short (PATH.1 ends
 *                     before our offset: not our copy)
 *   R OLD NEW         PATH is a new file NEW; OLD was read to its end
 *   G INO             the file to resume (INO) is gone; PATH is read from 0
 *   W                 PATH does not exist yet: waiting for it
 *   H                 heartbeat (~every 10 s when idle; a closed connection ends the script)
 * Every D frame repeats up to 16 bytes before the core's offset: the core compares them with
 * what it read before, which catches a truncation the size check could not see (the file
 * regrew past our offset between two polls).
 */
export const FOLLOW_SCRIPT = String.raw`P="$1"; INO="$2"; OFF="$3"; HIST="$4"; MODE="$5"
export LC_ALL=C
PATH="$PATH:/usr/local/bin:/usr/bin:/bin"
F=/proc/$$/fd/3
K=16; MAX=1048576
emit() { printf '%s %s %s %s\n' "$1" "$3" "$4" "$5"; { tail -c +$(($4 + 1)) -- "$2" 2>/dev/null | head -c "$5"; head -c "$5" /dev/zero; } | head -c "$5"; }
ino_of() { stat -L -c %i -- "$1" 2>/dev/null; }
size_of() { stat -L -c %s -- "$1" 2>/dev/null; }
drain() {
  while :; do
    s=$(size_of "$F"); [ -n "$s" ] || return 0
    [ "$s" -gt "$OFF" ] || return 0
    k=$K; [ "$OFF" -lt "$k" ] && k=$OFF
    n=$((s - OFF)); [ "$n" -gt "$MAX" ] && n=$MAX
    emit D "$F" "$CUR" $((OFF - k)) $((n + k)); OFF=$((OFF + n))
  done
}
truncated() {
  c="$P.1"; cs=$(size_of "$c"); cstate=nocopy
  if [ -n "$cs" ]; then
    cstate=short
    k=$K; [ "$OFF" -lt "$k" ] && k=$OFF
    st=$((OFF - k))
    while [ "$cs" -gt "$st" ]; do
      n=$((cs - st)); [ "$n" -gt "$MAX" ] && n=$MAX
      emit C "$c" "$CUR" "$st" "$n"; st=$((st + n)); cstate=ok
    done
  fi
  printf 'T %s %s\n' "$CUR" "$cstate"; OFF=0
}
wait_path() { w=0; until [ -e "$P" ]; do [ "$w" = 0 ] && printf 'W\n'; w=$((w + 1)); [ $((w % 20)) = 0 ] && printf 'H\n'; sleep 0.5; done; }
if [ -n "$INO" ]; then
  if [ "$(ino_of "$P")" = "$INO" ]; then exec 3<"$P"
  else
    old=
    for c in "$P.1" "$P.0"; do [ "$(ino_of "$c")" = "$INO" ] && { old=$c; break; }; done
    [ -z "$old" ] && old=$(find "$(dirname -- "$P")/" -maxdepth 1 -inum "$INO" 2>/dev/null | head -n 1)
    if [ -n "$old" ] && exec 3<"$old"; then :
    else printf 'G %s\n' "$INO"; wait_path; exec 3<"$P" || exit 3; INO=; OFF=0; fi
  fi
  CUR=$(ino_of "$F")
  printf 'O %s %s %s\n' "$CUR" "$OFF" "$(size_of "$F")"
  if [ "$MODE" = T ] && [ -n "$INO" ]; then truncated; fi
else
  wait_path; exec 3<"$P" || exit 3
  CUR=$(ino_of "$F"); s=$(size_of "$F"); OFF=$((s - HIST)); [ "$OFF" -lt 0 ] && OFF=0
  printf 'O %s %s %s\n' "$CUR" "$OFF" "$s"
fi
idle=0; seen=0
while :; do
  set -- $(stat -L -c '%i %s' -- "$F" "$P" 2>/dev/null)
  s=$2; pino=$3; psize=$4
  if [ -z "$s" ]; then exit 4; fi
  if [ "$s" -lt "$OFF" ]; then truncated; idle=0; continue; fi
  if [ "$s" -gt "$OFF" ]; then drain; idle=0; sleep 0.05; continue; fi
  if [ -n "$pino" ] && [ "$pino" != "$CUR" ]; then
    # Rotated by rename: the writer may still append to the old file until it reopens;
    # switch once the new file has data or the old one stayed unchanged for two polls.
    if [ "$psize" -gt 0 ] || [ "$seen" -ge 2 ]; then
      drain
      old=$CUR
      if exec 3<"$P"; then CUR=$(ino_of "$F"); OFF=0; seen=0; printf 'R %s %s\n' "$old" "$CUR"; continue; fi
    fi
    seen=$((seen + 1))
  fi
  idle=$((idle + 1))
  # A heartbeat now and then: when the connection is gone, the write ends this script.
  [ $((idle % 40)) = 0 ] && printf 'H\n'
  if [ "$idle" -gt 20 ]; then sleep 0.25; else sleep 0.1; fi
done`;

/** The command that follows PATH from a fresh start (history bytes) or from (inode, offset). */
export function followCommand(path: string, resume: { ino: string; offset: number; truncated: boolean } | null, historyBytes: number): RemoteCommand {
  return cmd('sh', '-c', FOLLOW_SCRIPT, 'opsdeck-follow', path, resume?.ino ?? '', resume?.offset ?? 0, historyBytes, resume?.truncated ? 'T' : '');
}
