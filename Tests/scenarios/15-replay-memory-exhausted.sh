# Really out of memory: 30 MB available of 4 GB and no swap. The one case
# where ENOMEM means what it says.
. "$(dirname "$0")/lib.sh"
replay memory-exhausted fork ENOMEM
expect verdict=memory_exhausted family=oom call=fork errno=ENOMEM evidence='MemAvailable 29.3 MiB'
