# Elasticsearch 7.9.2 in docker on kernel 4.15 with the default
# vm.max_map_count 65530 (github.com/spujadas/elk-docker/issues/334: "max
# virtual memory areas vm.max_map_count [65530] is too low"). Past the
# bootstrap check, mmapped index files and thread stacks take all 65530
# mappings; a thread stack's mmap fails and pthread_create says EAGAIN.
. "$(dirname "$0")/lib.sh"
replay es-max-map-count pthread_create EAGAIN
expect verdict=map_count_limit family=denial call=pthread_create errno=EAGAIN binding='max_map_count' \
	evidence='65530 mappings' advice='vm.max_map_count=' rec.memory.map_count=65530 rec.memory.max_map_count=65530
