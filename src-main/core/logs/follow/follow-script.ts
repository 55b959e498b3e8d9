import { cmd, type RemoteCommand } from '../../connectors/ssh/remote-command';

/**
 * The remote side of following one file: a POSIX sh loop (stat, then dd — or tail -c | head -c
 * where dd lacks iflag=skip_bytes,fullblock) that holds the file open on fd 3 and emits framed
 * chunks, so the core always knows the exact inode and byte offset of every byte it receives.
 * Fixed text; the path and state travel as positional arguments quoted by remote-command.ts.
 *
 * Arguments: $1 path, $2 inode to resume (empty: start fresh), $3 offset to resume at,
 * $4 bytes of history to send first on a fresh start, $5 mode ('T': the held file was truncated
 * under our offset; recover from the copy first), $6 'poll' to never use the wake-up below.
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
 *
 * Waking up: with GNU tail (inotify), `mkfifo` and `mktemp`, a background `tail -c 0 -F PATH`
 * and a 1 s ticker write into a FIFO that only this process reads; the loop blocks in
 * `dd count=1` (one read: it takes whatever wake-ups piled up) until something was appended,
 * then reads the bytes by (inode, offset) exactly as when polling. The ticker makes the loop
 * look at rotation, truncation and the heartbeat at least once a second. The tail's output is
 * only a signal, never the data. Only while PATH names the held file; during a rename rotation,
 * without those tools ($6 = poll, or busybox, whose `tail -f` polls every second) or if the FIFO
 * ends, it polls as before. Nothing outlives this process for long: tail has `--pid=$$` (exits
 * within ~1 s of it), and the ticker dies on its next write once no one reads the FIFO.
 */
export const FOLLOW_SCRIPT = String.raw`P="$1"; INO="$2"; OFF="$3"; HIST="$4"; MODE="$5"; WAKE="$6"
export LC_ALL=C
PATH="$PATH:/usr/local/bin:/usr/bin:/bin"
F=/proc/$$/fd/3
K=16; MAX=1048576
emit() { printf '%s %s %s %s\n' "$1" "$3" "$4" "$5"; { tail -c +$(($4 + 1)) -- "$2" 2>/dev/null | head -c "$5"; head -c "$5" /dev/zero; } | head -c "$5"; }
if [ "$(printf ab | dd iflag=skip_bytes,fullblock skip=1 bs=3 count=1 conv=sync 2>/dev/null | od -An -c | tr -d ' ')" = 'b\0\0' ]; then
  # One process instead of four: a full block from START, NUL-padded at the end of the file.
  emit() { printf '%s %s %s %s\n' "$1" "$3" "$4" "$5"; dd if="$2" iflag=skip_bytes,fullblock skip="$4" bs="$5" count=1 conv=sync 2>/dev/null; }
fi
ino_of() { stat -L -c %i -- "$1" 2>/dev/null; }
size_of() { stat -L -c %s -- "$1" 2>/dev/null; }
drain() {
  s=$1; [ -n "$s" ] || s=$(size_of "$F")
  while [ -n "$s" ] && [ "$s" -gt "$OFF" ]; do
    k=$K; [ "$OFF" -lt "$k" ] && k=$OFF
    n=$((s - OFF)); [ "$n" -gt "$MAX" ] && n=$MAX
    emit D "$F" "$CUR" $((OFF - k)) $((n + k)); OFF=$((OFF + n))
    [ "$OFF" -lt "$s" ] || s=$(size_of "$F")
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
waker() {
  [ "$WAKE" = poll ] && return 1
  tail --pid=$$ -c 0 -- /dev/null >/dev/null 2>&1 || return 1
  command -v mkfifo >/dev/null 2>&1 && command -v dd >/dev/null 2>&1 || return 1
  d=$(mktemp -d 2>/dev/null) || return 1
  if mkfifo -m 600 "$d/w" 2>/dev/null; then
    { tail -q -c 0 -F -s 0.1 --pid=$$ -- "$P" & while sleep 1; do printf '\n' || exit 0; done; } </dev/null 3<&- >"$d/w" 2>/dev/null &
    exec 4<"$d/w" && W=1
  fi
  rm -rf -- "$d"
}
wake() {
  case $(dd bs=65536 count=1 <&4 2>&1 >/dev/null) in
    0+0*) exec 4<&-; W=; sleep 0.1 ;;
  esac
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
W=; waker
idle=0; seen=0
while :; do
  set -- $(stat -L -c '%i %s' -- "$F" "$P" 2>/dev/null)
  s=$2; pino=$3; psize=$4
  if [ -z "$s" ]; then exit 4; fi
  if [ "$s" -lt "$OFF" ]; then truncated; idle=0; continue; fi
  if [ "$s" -gt "$OFF" ]; then
    drain "$s"; idle=0
    if [ -n "$W" ] && [ "$pino" = "$CUR" ]; then wake
    elif [ -n "$pino" ] && [ "$pino" != "$CUR" ] && [ "$psize" -gt 0 ]; then : # renamed, new file written: switch now
    else sleep 0.05; fi
    continue
  fi
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
  # A heartbeat now and then (~10 s idle): when the connection is gone, the write ends this script.
  if [ -n "$W" ] && [ "$pino" = "$CUR" ]; then
    [ $((idle % 10)) = 0 ] && printf 'H\n'
    wake
  else
    [ $((idle % 40)) = 0 ] && printf 'H\n'
    if [ "$idle" -gt 20 ]; then sleep 0.25; else sleep 0.1; fi
  fi
done`;

/**
 * The command that follows PATH from a fresh start (history bytes) or from (inode, offset).
 * `wake: 'poll'` skips the inotify wake-up and polls (what hosts without GNU tail get anyway).
 */
export function followCommand(path: string, resume: { ino: string; offset: number; truncated: boolean } | null, historyBytes: number, wake: 'auto' | 'poll' = 'auto'): RemoteCommand {
  return cmd('sh', '-c', FOLLOW_SCRIPT, 'opsdeck-follow', path, resume?.ino ?? '', resume?.offset ?? 0, historyBytes, resume?.truncated ? 'T' : '', wake === 'poll' ? 'poll' : '');
}
