// Spawns PATH (argv[2]) again and again, keeping each child, as a build
// tool's worker farm does, until one is refused: then prints Node's error
// as an uncaught one would show (its stack, then its fields) and exits 3.
// Prints "spawned N" if N (argv[3]) children all started.
const { spawn } = require("child_process");
const [path, total] = [process.argv[2], Number(process.argv[3])];
function next(i) {
  const child = spawn(path, [], { stdio: "ignore" });
  child.on("error", (err) => {
    console.error(`uncaughtException ${err.stack}`);
    console.error(err);
    process.exit(3);
  });
  child.on("spawn", () => (i < total ? next(i + 1) : (console.log(`spawned ${total}`), process.exit(0))));
}
next(1);
