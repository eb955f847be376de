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
}
