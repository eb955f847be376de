using Heron.Text;

namespace Heron.Tests.Text;

public sealed class LineCommentTests
{
    [Theory]
    [InlineData("\n")]
    [InlineData("\r")]
    [InlineData("\r\n")]
    public void A_line_comment_ends_at_any_newline_character(string newline)
    {
        // The instruction after the comment must be parsed, not swallowed by it: the body then has a
        // result and the function type gets one.
        var bytes = WatParser.ParseModule($"(module (func (result i32) ;; comment{newline}(i32.const 2)))");
        var withoutComment = WatParser.ParseModule("(module (func (result i32) (i32.const 2)))");
        Assert.Equal(withoutComment, bytes);
    }
}
