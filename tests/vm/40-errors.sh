# Bad input gets a clear error and changes nothing.
. /tests/lib.sh

load_module
# malformed and unknown requests: one KTAP line each from the program
nlbad 3>&3
expect "nlbad ran to completion" 0 "$?"

wsmon status --bogus >/dev/null 2>/tmp/err
expect "unknown option: exit 2" 2 "$?"
check "unknown option: one line naming it" grep -q "unknown option '--bogus'" /tmp/err
wsmon nonsense 2>/tmp/err
expect "unknown command: exit 2" 2 "$?"

unload_module
wsmon status >/tmp/out 2>/tmp/err
expect "module not loaded: exit 3" 3 "$?"
check "module not loaded: says so and how to load it" \
	grep -q 'not loaded.*insmod wsmon.ko' /tmp/err
expect "module not loaded: one line on stderr" 1 "$(wc -l </tmp/err)"
expect "module not loaded: nothing on stdout" 0 "$(wc -c </tmp/out)"
load_module
