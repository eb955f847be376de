using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace Heron.Bindgen;

/// <summary>
/// One .wit file as the generator received it: its path and text. Compared by value, so the incremental
/// pipeline reruns only when a file changes.
/// </summary>
internal sealed record WitSource(string Path, string Text)
{
    private int[]? _lineStarts;

    /// <summary>The line and column span of a range of characters, for a diagnostic's location.</summary>
    public LinePositionSpan Position(int start, int end) => new(PositionOf(start), PositionOf(end));

    private LinePosition PositionOf(int offset)
    {
        var starts = _lineStarts ??= LineStarts(Text);
        var low = 0;
        var high = starts.Length - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (starts[middle] <= offset) low = middle;
            else high = middle - 1;
        }
        return new LinePosition(low, offset - starts[low]);
    }

    private static int[] LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
            if (text[i] == '\n') starts.Add(i + 1);
        return starts.ToArray();
    }

    public bool Equals(WitSource? other) => other is not null && other.Path == Path && other.Text == Text;

    public override int GetHashCode() => Path.GetHashCode() ^ Text.Length;
}
