<?php
// Forks children that sleep until PHP's pcntl_fork() is refused, as a
// worker manager forking one child per job does, so that PHP prints its
// own warning (`pcntl_fork(): Error N`); then ends the children it made.
// Bounded: at most 64 children, each ended here or after 60 s.
$kids = [];
for ($i = 0; $i < 64; $i++) {
    $pid = pcntl_fork();
    if ($pid === 0) {
        sleep(60);
        exit(0);
    }
    if ($pid < 0) {
        fwrite(STDERR, "refused after " . count($kids) . " children\n");
        break;
    }
    $kids[] = $pid;
}
foreach ($kids as $pid) {
    posix_kill($pid, SIGKILL);
    pcntl_waitpid($pid, $status);
}
exit(count($kids) < 64 ? 0 : 1);
