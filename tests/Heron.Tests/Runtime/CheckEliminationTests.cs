namespace Heron.Tests.Runtime;

/// <summary>
/// The compiler leaves out a bounds check that an earlier check through the same local covers; these
/// accesses must still trap exactly where the specification says, whatever path led to them.
/// </summary>
public class CheckEliminationTests
{
    private static readonly Module Module = Module.FromText(Wasm.Engine, """
        (module
          (memory 1)
          ;; a checked access at offset 8, then cheaper ones through the same local
          (func (export "covered") (param i32) (result i32)
            (drop (i32.load offset=8 (local.get 0)))
            (i32.add (i32.load offset=4 (local.get 0)) (i32.load8_u (i32.add (local.get 0) (i32.const 9)))))
          ;; the second access reaches further than the first: it needs its own check
          (func (export "further") (param i32) (result i32)
            (drop (i32.load (local.get 0)))
            (i32.load offset=16 (local.get 0)))
          ;; the local changes between the accesses
          (func (export "reassigned") (param i32 i32) (result i32)
            (drop (i32.load offset=8 (local.get 0)))
            (local.set 0 (local.get 1))
            (i32.load (local.get 0)))
          ;; a check made in one arm of an if covers nothing after it
          (func (export "arm") (param i32 i32) (result i32)
            (if (local.get 1) (then (drop (i32.load offset=100 (local.get 0)))))
            (i32.load offset=50 (local.get 0)))
          ;; checked before the loop, but the loop body changes the local (inside a nested block) after
          ;; its access: the next iteration must check again
          (func (export "loop") (param i32 i32) (result i32)
            (local i32)
            (drop (i32.load (local.get 0)))
            (loop $again
              (local.set 2 (i32.add (local.get 2) (i32.load (local.get 0))))
              (block (local.set 0 (i32.add (local.get 0) (local.get 1))))
              (br_if $again (i32.lt_u (local.get 2) (i32.const 3))))
            (local.get 2))
          ;; checked before a loop that leaves the local alone: the accesses inside stay correct
          (func (export "steady") (param i32) (result i32)
            (local i32 i32)
            (drop (i32.load offset=8 (local.get 0)))
            (loop $again
              (local.set 1 (i32.add (local.get 1) (i32.load8_u offset=3 (local.get 0))))
              (local.set 2 (i32.add (local.get 2) (i32.const 1)))
              (br_if $again (i32.lt_u (local.get 2) (i32.const 4))))
            (local.get 1))
          ;; a store through the local after a load's check, the value pushed in between
          (func (export "store") (param i32) (result i32)
            (drop (i32.load offset=12 (local.get 0)))
            (i32.store offset=8 (local.get 0) (i32.const 7))
            (i32.load offset=8 (local.get 0)))
          ;; a store whose value is computed between its address and the store
          (func (export "computed") (param i32) (result i32)
            (drop (i32.load offset=8 (local.get 0)))
            (i32.store offset=4 (local.get 0) (i32.mul (i32.load offset=8 (local.get 0)) (i32.const 3)))
            (i32.load offset=4 (local.get 0)))
          ;; the address on the stack is the local's old value: a check on its new value covers nothing
          (func (export "stale") (param i32 i32)
            (drop (i32.load offset=100 (local.get 1)))
            (local.get 0)
            (local.set 0 (local.get 1))
            (drop (i32.load offset=100 (local.get 0)))
            (i32.store offset=4 (i32.const 7)))
          ;; the address survives a br_if not taken
          (func (export "branch") (param i32 i32) (result i32)
            (block
              (drop (i32.load offset=12 (local.get 0)))
              (local.get 0)
              (br_if 0 (i32.const 0))
              (i32.store offset=8 (i32.const 5))
              (return (i32.load offset=8 (local.get 0))))
            (i32.const -1))
          ;; a branch leaves the block before the check that the fall-through makes
          (func (export "edge") (param i32 i32) (result i32)
            (block
              (br_if 0 (local.get 1))
              (drop (i32.load offset=100 (local.get 0))))
            (i32.load offset=50 (local.get 0)))
          ;; the same through br_table: only the default target is reached after the check
          (func (export "table") (param i32 i32) (result i32)
            (block
              (block
                (br_table 0 1 (local.get 1))
              )
              (drop (i32.load offset=100 (local.get 0))))
            (i32.load offset=50 (local.get 0)))
          ;; both arms check: the check holds after the if
          (func (export "arms") (param i32 i32) (result i32)
            (if (local.get 1)
              (then (drop (i32.load offset=100 (local.get 0))))
              (else (drop (i32.load offset=60 (local.get 0)))))
            (i32.load offset=50 (local.get 0)))
          ;; a check inside a loop holds when the loop falls through
          (func (export "after_loop") (param i32) (result i32)
            (local i32)
            (loop $again
              (drop (i32.load offset=100 (local.get 0)))
              (local.set 1 (i32.add (local.get 1) (i32.const 1)))
              (br_if $again (i32.lt_u (local.get 1) (i32.const 3))))
            (i32.load offset=50 (local.get 0)))
          ;; a displacement that wraps around 2^32 to an address inside the memory
          (func (export "wraps") (param i32) (result i32)
            (i32.load8_u (i32.add (local.get 0) (i32.const 32))))
          ;; checked at local + 16 (plus offset 8): accesses at most 8 bytes further up are covered
          (func (export "displaced") (param i32) (result i32)
            (drop (i32.load offset=8 (i32.add (local.get 0) (i32.const 16))))
            (i32.add (i32.load offset=4 (i32.add (local.get 0) (i32.const 16)))
                     (i32.load (i32.add (local.get 0) (i32.const 20)))))
          ;; checked at local - 4 (plus offset 8): the local itself, 4 bytes up, is covered for 8 bytes
          (func (export "below") (param i32) (result i32)
            (drop (i32.load offset=8 (i32.add (local.get 0) (i32.const -4))))
            (i32.load (local.get 0)))
          ;; a local set to a checked local plus 8 inherits the check, 8 bytes shorter
          (func (export "derived") (param i32) (result i32)
            (local i32)
            (drop (i32.load offset=16 (local.get 0)))
            (local.set 1 (i32.add (local.get 0) (i32.const 8)))
            (local.set 0 (i32.const 0))
            (i32.load offset=4 (local.get 1)))
          ;; a local set to a checked local minus 8 lies below it: nothing is known about it
          (func (export "derived_below") (param i32) (result i32)
            (local i32)
            (drop (i32.load offset=12 (local.get 0)))
            (local.set 1 (i32.add (local.get 0) (i32.const -8)))
            (i32.load (local.get 1)))
          ;; a pointer bumped past its checked range is checked again
          (func (export "bumped") (param i32) (result i32)
            (drop (i32.load offset=12 (local.get 0)))
            (local.set 0 (i32.add (local.get 0) (i32.const 4)))
            (drop (i32.load offset=8 (local.get 0)))
            (i32.load offset=12 (local.get 0)))
          ;; arms checked at different displacements: only what both cover holds after the if
          (func (export "arms_displaced") (param i32 i32) (result i32)
            (if (local.get 1)
              (then (drop (i32.load (i32.add (local.get 0) (i32.const 8)))))
              (else (drop (i32.load offset=100 (local.get 0)))))
            (i32.add (i32.load (i32.add (local.get 0) (i32.const 8)))
                     (i32.load offset=12 (local.get 0))))
          (data (i32.const 0) "\01"))
        """);

    // A fresh instance per call: the store test writes into the memory the others read.
    private static int Call(string name, params int[] args) =>
        new Linker(Wasm.Engine).Instantiate(new Store(Wasm.Engine), Module).Call(name, [.. args.Select(Value.I32)])[0].AsI32();

    private static void Traps(string name, params int[] args) =>
        Assert.Equal(TrapCode.MemoryOutOfBounds, Wasm.Traps(() => Call(name, args)).Code);

    [Fact]
    public void CoveredAccessesRunAndTheCoveringCheckStillTraps()
    {
        Assert.Equal(0, Call("covered", 65536 - 12));
        Traps("covered", 65536 - 11);
    }

    [Fact]
    public void AnAccessReachingFurtherIsChecked()
    {
        Assert.Equal(0, Call("further", 65536 - 20));
        Traps("further", 65536 - 19);
    }

    [Fact]
    public void AReassignedLocalIsCheckedAgain()
    {
        Assert.Equal(1, Call("reassigned", 0, 0));
        Traps("reassigned", 0, 65536);
    }

    [Fact]
    public void ACheckInsideAnIfArmCoversNothingAfterIt()
    {
        Assert.Equal(0, Call("arm", 65536 - 104, 1));
        Traps("arm", 65536 - 53, 0);
    }

    [Fact]
    public void ALoopChecksEachIterationsAddress()
    {
        Assert.Equal(3, Call("loop", 0, 0)); // reads the 1 at address 0 three times
        Traps("loop", 0, 65536);
    }

    [Fact]
    public void ALoopThatKeepsTheLocalUsesTheCheckBeforeIt()
    {
        Assert.Equal(0, Call("steady", 65536 - 12));
        Traps("steady", 65536 - 11);
    }

    [Fact]
    public void AStoreCoveredByALoadsCheckWrites()
    {
        Assert.Equal(7, Call("store", 65536 - 16));
        Traps("store", 65536 - 15);
    }

    [Fact]
    public void AStoreWithAComputedValueUsesTheCheckBeforeIt()
    {
        Assert.Equal(0, Call("computed", 65536 - 12));
        Traps("computed", 65536 - 11);
    }

    [Fact]
    public void AnAddressFromALocalsOldValueIsChecked()
    {
        Traps("stale", 65536, 0);
        Traps("stale", -4, 0);
    }

    [Fact]
    public void AnAddressKeepsItsSourceAcrossABranchNotTaken()
    {
        Assert.Equal(5, Call("branch", 65536 - 16, 0));
        Traps("branch", 65536 - 15, 0);
    }

    [Fact]
    public void ABranchThatSkipsTheCheckIsCheckedAtTheEnd()
    {
        Assert.Equal(0, Call("edge", 65536 - 54, 1));
        Traps("edge", 65536 - 53, 1);
        Traps("edge", 65536 - 53, 0); // the fall-through's own check traps first
        Assert.Equal(0, Call("table", 65536 - 54, 1));
        Traps("table", 65536 - 53, 1);
        Traps("table", 65536 - 53, 0);
    }

    [Fact]
    public void ChecksOnEveryEdgeHoldAfterTheBlock()
    {
        Assert.Equal(0, Call("arms", 65536 - 64, 0));
        Traps("arms", 65536 - 63, 0);
        Traps("arms", 65536 - 63, 1);
        Assert.Equal(0, Call("after_loop", 65536 - 104));
        Traps("after_loop", 65536 - 103);
    }

    [Fact]
    public void AWrappingDisplacementReadsTheWrappedAddress()
    {
        Assert.Equal(1, Call("wraps", -32));
        Traps("wraps", 65536 - 32);
    }

    [Fact]
    public void AChecksDisplacementCoversTheAccessesAboveIt()
    {
        Assert.Equal(0, Call("displaced", 65536 - 28));
        Traps("displaced", 65536 - 27);
        // local + 16 wraps to address 0 (the accesses above it fit), or to the last byte (they do not)
        Assert.Equal(0, Call("displaced", -16));
        Traps("displaced", -17);
    }

    [Fact]
    public void ANegativeDisplacementCoversTheLocalAboveIt()
    {
        Assert.Equal(0, Call("below", 65536 - 8));
        Traps("below", 65536 - 7);
        Traps("below", 2); // local - 4 wraps to the top of the address space
        Assert.Equal(0, Call("below", 4));
    }

    [Fact]
    public void ALocalSetFromACheckedOneInheritsTheCheck()
    {
        Assert.Equal(0, Call("derived", 65536 - 20));
        Traps("derived", 65536 - 19);
        // 8 below a checked address is unknown territory: 4 - 8 wraps around and must trap
        Traps("derived_below", 4);
        Assert.Equal(1, Call("derived_below", 8));
    }

    [Fact]
    public void ABumpedPointerIsCheckedPastWhatWasChecked()
    {
        Assert.Equal(0, Call("bumped", 65536 - 20));
        Traps("bumped", 65536 - 19);
    }

    [Fact]
    public void ArmsCheckedAtDifferentDisplacementsKeepWhatBothCover()
    {
        Assert.Equal(0, Call("arms_displaced", 65536 - 16, 1));
        Traps("arms_displaced", 65536 - 15, 1);
        Traps("arms_displaced", 65536 - 16, 0);
    }

    /// <summary>
    /// Instructions whose result replaced an operand's slot kept that operand's source: select of a
    /// constant and a far address read the far one unchecked (fuzz seed 67004971, binaryen), and so could
    /// memory.grow's -1 and a loop parameter on its second iteration. Each must trap.
    /// </summary>
    [Fact]
    public void AResultNeverInheritsAnOperandsSource()
    {
        var module = Module.FromText(Wasm.Engine, """
            (module
              (memory 1 1)
              (func (export "select_const") (param i32) (result i32)
                (i32.load offset=22 (select (i32.const 0) (i32.const 16777217) (local.get 0))))
              (func (export "select_local") (param i32 i32 i32) (result i32)
                (drop (i32.load offset=100 (local.get 0)))
                (i32.load (select (local.get 0) (local.get 1) (local.get 2))))
              (func (export "grow") (result i32)
                (i32.load (memory.grow (i32.const 1))))
              (func (export "loop_param") (param i32 i32) (result i32) (local i32)
                (drop (i32.load (local.get 0)))
                (local.get 0)
                (loop $again (param i32) (result i32)
                  (drop (i32.load))
                  (local.set 2 (i32.add (local.get 2) (i32.const 1)))
                  (br_if $again (local.get 1) (i32.eq (local.get 2) (i32.const 1)))
                  (drop)
                  (i32.const 7))))
            """);
        int Run(string name, params int[] args) =>
            new Linker(Wasm.Engine).Instantiate(new Store(Wasm.Engine), module).Call(name, [.. args.Select(Value.I32)])[0].AsI32();
        void MustTrap(string name, params int[] args) =>
            Assert.Equal(TrapCode.MemoryOutOfBounds, Wasm.Traps(() => Run(name, args)).Code);

        MustTrap("select_const", 0);
        Assert.Equal(0, Run("select_const", 1));
        MustTrap("select_local", 0, 65536, 0);
        Assert.Equal(0, Run("select_local", 0, 65536, 1));
        MustTrap("grow");
        MustTrap("loop_param", 0, 65536);
        Assert.Equal(7, Run("loop_param", 0, 8));
    }

    /// <summary>
    /// A loop changes a local after a try_table (or legacy try) nested in it: the scan that finds what a loop
    /// assigns must see those blocks end where they do, or it closes the loop early and keeps the check
    /// made before the loop for the next iteration.
    /// </summary>
    [Theory]
    [InlineData("(try_table)")]
    [InlineData("(try (do) (catch_all))")]
    [InlineData("(block (try (do) (delegate 0)))")]
    public void A_local_changed_in_a_loop_after_an_exception_block_is_checked_again(string block)
    {
        var engine = new Engine(new EngineConfig { Features = WasmFeatures.Wasm3 | WasmFeatures.LegacyExceptions });
        var module = Module.FromText(engine, $$"""
            (module
              (memory 1)
              (func (export "f") (result i32)
                (local $address i32) (local $round i32)
                (drop (i32.load (local.get $address)))
                (loop $again
                  (drop (i32.load (local.get $address)))
                  {{block}}
                  (local.set $address (i32.const 0x7ffffff0))
                  (local.set $round (i32.add (local.get $round) (i32.const 1)))
                  (br_if $again (i32.lt_u (local.get $round) (i32.const 2))))
                (i32.const 0)))
            """);
        var instance = new Linker(engine).Instantiate(new Store(engine), module);
        Assert.Equal(TrapCode.MemoryOutOfBounds, Wasm.Traps(() => instance.Call("f")).Code);
    }
}
