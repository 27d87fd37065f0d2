# A thread stack mmap refused at vm.max_map_count: glibc turns the mmap's
# ENOMEM into pthread_create's EAGAIN.
. "$(dirname "$0")/lib.sh"
replay max-map-count pthread_create EAGAIN
expect verdict=map_count_limit family=denial call=pthread_create errno=EAGAIN evidence='2000'
