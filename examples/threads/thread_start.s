# The entry point wasi-threads calls in a new instance: wasi_thread_start(tid, start_arg). Every
# instance starts with the same __stack_pointer, so point it at this worker's own stack (the first
# field of start_arg) before any C code runs, then continue in worker_main(tid, start_arg).
	.globaltype __stack_pointer, i32
	.functype worker_main (i32, i32) -> ()
	.globl wasi_thread_start
	.export_name wasi_thread_start, wasi_thread_start
wasi_thread_start:
	.functype wasi_thread_start (i32, i32) -> ()
	local.get 1
	i32.load 0
	global.set __stack_pointer
	local.get 0
	local.get 1
	call worker_main
	end_function
