# vm.overcommit_memory=2: a 900 MB daemon's fork needs 900 MB of commit
# headroom and Committed_AS is 500 MB short of CommitLimit, with 10 GB of
# RAM available. __vm_enough_memory() refuses with ENOMEM.
. "$(dirname "$0")/lib.sh"
replay overcommit-strict fork ENOMEM
expect verdict=commit_limit family=oom call=fork errno=ENOMEM evidence='CommitLimit 7.6 GiB'
