using Heron.Tests.Runtime;

namespace Heron.Tests.Threads;

/// <summary>The atomic instructions: their results, their traps, and their atomicity under contention from several threads.</summary>
public sealed class AtomicInstructionTests
{
    private const string Counters = """
        (module
          (memory (import "env" "memory") 1 1 shared)
          (func (export "add32") (param $n i32) (loop $l
              (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))
              (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
          (func (export "add64") (param $n i32) (loop $l
              (drop (i64.atomic.rmw.add (i32.const 8) (i64.const 0x100000001)))
              (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
          ;; two threads each count in their own byte of one word: neither may lose an update or clobber the other's byte
          (func (export "add8") (param $byte i32) (param $n i32) (loop $l
              (drop (i32.atomic.rmw8.add_u offset=16 (local.get $byte) (i32.const 1)))
              (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
          (func (export "add16") (param $half i32) (param $n i32) (loop $l
              (drop (i64.atomic.rmw16.add_u offset=24 (local.get $half) (i64.const 1)))
              (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
          ;; a counter incremented by compare-exchange retries
          (func (export "cas") (param $n i32) (local $old i32) (loop $l
              (loop $retry
                (local.set $old (i32.atomic.load (i32.const 32)))
                (br_if $retry (i32.ne (local.get $old)
                  (i32.atomic.rmw.cmpxchg (i32.const 32) (local.get $old) (i32.add (local.get $old) (i32.const 1))))))
              (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
          (func (export "xor") (param $n i32) (loop $l
              (drop (i32.atomic.rmw.xor (i32.const 40) (i32.const 0xff)))
              (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))))
        """;

    [Fact]
    public void Read_modify_writes_from_many_threads_lose_no_update()
    {
        const int threads = 4, rounds = 20000;
        var module = Module.FromText(ThreadsWasm.Engine, Counters);
        using var owner = new Store(ThreadsWasm.Engine);
        var memory = new Memory(owner, new MemoryType(new Limits(1, 1), Shared: true));
        ThreadsWasm.OnThreads(threads, t =>
        {
            using var store = new Store(ThreadsWasm.Engine);
            var instance = new Linker(ThreadsWasm.Engine).Define("env", "memory", memory).Instantiate(store, module);
            instance.GetAction<int>("add32")!(rounds);
            instance.GetAction<int>("add64")!(rounds);
            instance.GetAction<int, int>("add8")!(t % 2, rounds);
            instance.GetAction<int, int>("add16")!(2 * (t % 2), rounds);
            instance.GetAction<int>("cas")!(rounds);
            instance.GetAction<int>("xor")!(rounds + (t == 0 ? 1 : 0));
        });
        Assert.Equal(threads * rounds, memory.ReadInt32(0));
        Assert.Equal((long)threads * rounds * 0x100000001, memory.ReadInt64(8));
        // Each byte counted half the threads' rounds (mod 256); the bytes beside them stayed zero.
        Assert.Equal(unchecked((byte)(threads / 2 * rounds)), memory.ReadByte(16));
        Assert.Equal(unchecked((byte)(threads / 2 * rounds)), memory.ReadByte(17));
        Assert.Equal(0, memory.ReadInt16(18));
        Assert.Equal(unchecked((short)(threads / 2 * rounds)), memory.ReadInt16(24));
        Assert.Equal(unchecked((short)(threads / 2 * rounds)), memory.ReadInt16(26));
        Assert.Equal(threads * rounds, memory.ReadInt32(32));
        // One thread xors once more than the others: an odd count in all, so the byte ends flipped.
        Assert.Equal(0xff, memory.ReadInt32(40));
    }

    [Fact]
    public void Every_width_returns_the_old_value_zero_extended_and_writes_only_its_bytes()
    {
        var instance = Instantiate("""
            (module
              (memory (export "m") 1 1 shared)
              (func (export "rmw8") (result i64) (i64.atomic.rmw8.sub_u (i32.const 1) (i64.const 2)))
              (func (export "rmw32") (result i64) (i64.atomic.rmw32.xchg_u (i32.const 4) (i64.const -1)))
              (func (export "cmpxchg16") (param i32) (result i32) (i32.atomic.rmw16.cmpxchg_u (i32.const 8) (local.get 0) (i32.const 0x1234)))
              (func (export "and") (result i64) (i64.atomic.rmw.and (i32.const 16) (i64.const 0xff00)))
              (func (export "or") (result i32) (i32.atomic.rmw.or (i32.const 24) (i32.const 0x0f)))
              (func (export "load16") (result i64) (i64.atomic.load16_u (i32.const 8)))
              (func (export "store8") (i32.atomic.store8 (i32.const 25) (i32.const 0x1ff)))
              (func (export "fence") (atomic.fence)))
            """);
        var m = instance.GetMemory("m")!;
        m.WriteByte(1, 0x81);
        Assert.Equal(0x81L, instance.Call("rmw8")[0].AsI64());
        Assert.Equal(0x7f, m.ReadByte(1));
        Assert.Equal(0, m.ReadByte(0));
        Assert.Equal(0, m.ReadByte(2));
        m.WriteInt32(4, -2);
        Assert.Equal(0xfffffffeL, instance.Call("rmw32")[0].AsI64());
        m.WriteInt16(8, unchecked((short)0xffee));
        // The expected operand is compared at the access width: 0x1ffee wraps to 0xffee and matches.
        Assert.Equal(0xffee, instance.Call("cmpxchg16", Value.I32(0x1ffee))[0].AsI32());
        Assert.Equal(0x1234L, instance.Call("load16")[0].AsI64());
        Assert.Equal(0x1234, instance.Call("cmpxchg16", Value.I32(0))[0].AsI32());
        Assert.Equal(0x1234, m.ReadInt16(8));
        m.WriteInt64(16, 0x1234);
        Assert.Equal(0x1234L, instance.Call("and")[0].AsI64());
        Assert.Equal(0x1200L, m.ReadInt64(16));
        m.WriteInt32(24, 0x30);
        Assert.Equal(0x30, instance.Call("or")[0].AsI32());
        instance.Call("store8");
        Assert.Equal(0xff3f, m.ReadInt32(24));
        instance.Call("fence");
    }

    [Fact]
    public void An_unaligned_atomic_access_traps_before_its_bounds_are_checked()
    {
        var instance = Instantiate("""
            (module
              (memory 1 1 shared)
              (func (export "load") (param i32) (result i32) (i32.atomic.load offset=2 (local.get 0)))
              (func (export "store64") (param i32) (i64.atomic.store (local.get 0) (i64.const 1)))
              (func (export "byte") (param i32) (result i32) (i32.atomic.load8_u (local.get 0))))
            """);
        Assert.Equal(TrapCode.UnalignedAtomic, Assert.Throws<TrapException>(() => instance.Call("load", Value.I32(1))).Code);
        Assert.Equal(0, instance.Call("load", Value.I32(2))[0].AsI32());
        Assert.Equal(TrapCode.UnalignedAtomic, Assert.Throws<TrapException>(() => instance.Call("store64", Value.I32(4))).Code);
        // Past the end and unaligned: the alignment trap wins, as in Wasmtime.
        Assert.Equal(TrapCode.UnalignedAtomic, Assert.Throws<TrapException>(() => instance.Call("store64", Value.I32(65537))).Code);
        Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.Throws<TrapException>(() => instance.Call("store64", Value.I32(65536))).Code);
        Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.Throws<TrapException>(() => instance.Call("byte", Value.I32(65536))).Code);
        Assert.Equal(0, instance.Call("byte", Value.I32(65535))[0].AsI32());
    }

    [Fact]
    public void Wait_and_notify_trap_out_of_bounds_first_when_the_offset_carries_the_address_past_the_index_type()
    {
        // Found by differential fuzzing against Wasmtime (own generator, --features wasm3,threads, seed 9000031):
        // Wasmtime adds a wait's or notify's offset with an overflow trap before checking the alignment.
        var instance = Instantiate("""
            (module
              (memory 1 1 shared)
              (memory $wide i64 1 1 shared)
              (func (export "notify") (param i32) (result i32) (memory.atomic.notify offset=65535 (local.get 0) (i32.const 1)))
              (func (export "wait32") (param i32) (result i32) (memory.atomic.wait32 offset=65535 (local.get 0) (i32.const 1) (i64.const 0)))
              (func (export "wait64") (param i32) (result i32) (memory.atomic.wait64 offset=4 (local.get 0) (i64.const 1) (i64.const 0)))
              (func (export "notify64") (param i64) (result i32) (memory.atomic.notify $wide offset=65535 (local.get 0) (i32.const 1))))
            """);
        TrapCode Trap(string name, Value argument) => Assert.Throws<TrapException>(() => instance.Call(name, argument)).Code;
        Assert.Equal(TrapCode.MemoryOutOfBounds, Trap("notify", Value.I32(-8)));
        Assert.Equal(TrapCode.MemoryOutOfBounds, Trap("wait32", Value.I32(-8)));
        // Within the index type, unaligned and past the end: alignment first, as for every other atomic access.
        Assert.Equal(TrapCode.UnalignedAtomic, Trap("notify", Value.I32(0)));
        Assert.Equal(TrapCode.UnalignedAtomic, Trap("wait64", Value.I32(-6)));
        Assert.Equal(TrapCode.MemoryOutOfBounds, Trap("notify64", Value.I64(-8)));
        Assert.Equal(TrapCode.UnalignedAtomic, Trap("notify64", Value.I64(0xfffffff8)));
    }

    [Fact]
    public void Atomics_need_the_threads_feature_and_natural_alignment()
    {
        const string text = "(module (memory 1 1 shared) (func (drop (i32.atomic.load (i32.const 0)))))";
        Assert.ThrowsAny<WasmException>(() => Module.FromText(new Engine(), text));
        Module.FromText(ThreadsWasm.Engine, text);
        var error = Assert.ThrowsAny<WasmException>(() =>
            Module.FromText(ThreadsWasm.Engine, "(module (memory 1 1 shared) (func (drop (i32.atomic.load align=2 (i32.const 0)))))"));
        Assert.Contains("atomic alignment must be natural", error.Message);
    }

    private static Instance Instantiate(string wat) =>
        new Linker(ThreadsWasm.Engine).Instantiate(new Store(ThreadsWasm.Engine), Module.FromText(ThreadsWasm.Engine, wat));
}
