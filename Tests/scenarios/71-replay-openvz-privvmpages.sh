# An OpenVZ VPS whose privvmpages (allocated private memory, charged when
# mapped or copied by fork) is 188 pages short of its limit, failcnt 1873
# (blog.adyromantika.com/checking-limits-on-openvz-virtuozzo: "cannot
# fork", privvmpages failcnt 40). mysqld's fork needs its 210 MB of
# private memory charged again: ENOMEM with 1.3 GB free. The accounting
# refused, as overcommit mode 2 would: commit_limit, the beancounter named.
. "$(dirname "$0")/lib.sh"
replay openvz-privvmpages fork ENOMEM
expect verdict=commit_limit family=oom call=fork errno=ENOMEM confidence=high binding='privvmpages' \
	evidence='524100 + 52500 > 524288' advice='vzctl set 101 --privvmpages' not_verdict=memory_exhausted \
	rec.beancounters.privvmpages.held=524100 rec.beancounters.privvmpages.failcnt=1873
