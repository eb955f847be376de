namespace Heron.Bindgen.Emit;

internal sealed partial class WorldEmitter
{
    // The small value types some WIT types map to. They are written into each world class that needs them (the
    // generator ships no run-time library), as plain structs without allocation.

    private void WriteResult()
    {
        _w.Line("/// <summary>The value of a WIT <c>result</c>: ok with a <see cref=\"Value\"/>, or an <see cref=\"Error\"/>.</summary>");
        using (_w.Block("public readonly struct Result<TOk, TError> : global::System.IEquatable<Result<TOk, TError>>"))
        {
            _w.Line("private readonly TOk _value;");
            _w.Line("private readonly TError _error;");
            _w.Line();
            using (_w.Block("private Result(bool isOk, TOk value, TError error)"))
            {
                _w.Line("IsOk = isOk;");
                _w.Line("_value = value;");
                _w.Line("_error = error;");
            }
            _w.Line();
            _w.Line("/// <summary>True for the ok case.</summary>");
            _w.Line("public bool IsOk { get; }");
            _w.Line();
            _w.Line("/// <summary>True for the error case.</summary>");
            _w.Line("public bool IsError => !IsOk;");
            _w.Line();
            _w.Line("/// <summary>The ok value; reading it from an error throws <see cref=\"global::System.InvalidOperationException\"/>.</summary>");
            _w.Line("public TOk Value => IsOk ? _value : throw new global::System.InvalidOperationException($\"the result is an error: {_error}\");");
            _w.Line();
            _w.Line("/// <summary>The error; reading it from an ok result throws <see cref=\"global::System.InvalidOperationException\"/>.</summary>");
            _w.Line("public TError Error => IsOk ? throw new global::System.InvalidOperationException(\"the result is ok, not an error\") : _error;");
            _w.Line();
            _w.Line("/// <summary>An ok result.</summary>");
            _w.Line("public static Result<TOk, TError> Ok(TOk value) => new(true, value, default!);");
            _w.Line();
            _w.Line("/// <summary>An error result.</summary>");
            _w.Line("public static Result<TOk, TError> Err(TError error) => new(false, default!, error);");
            _w.Line();
            _w.Line("/// <summary>An ok result holding <paramref name=\"value\"/>.</summary>");
            _w.Line("public static implicit operator Result<TOk, TError>(TOk value) => Ok(value);");
            _w.Line();
            _w.Line("/// <summary>An error result holding <paramref name=\"error\"/>.</summary>");
            _w.Line("public static implicit operator Result<TOk, TError>(TError error) => Err(error);");
            _w.Line();
            _w.Line("/// <summary>The ok value, if this is ok.</summary>");
            using (_w.Block("public bool TryGetValue(out TOk value)"))
            {
                _w.Line("value = _value;");
                _w.Line("return IsOk;");
            }
            _w.Line();
            _w.Line("/// <summary>The error, if this is an error.</summary>");
            using (_w.Block("public bool TryGetError(out TError error)"))
            {
                _w.Line("error = _error;");
                _w.Line("return !IsOk;");
            }
            _w.Line();
            _w.Line("/// <summary>One of two functions' results, by case.</summary>");
            _w.Line("public TResult Match<TResult>(global::System.Func<TOk, TResult> ok, global::System.Func<TError, TResult> error) => IsOk ? ok(_value) : error(_error);");
            _w.Line();
            _w.Line("public bool Equals(Result<TOk, TError> other) => IsOk == other.IsOk && (IsOk");
            _w.Line("    ? global::System.Collections.Generic.EqualityComparer<TOk>.Default.Equals(_value, other._value)");
            _w.Line("    : global::System.Collections.Generic.EqualityComparer<TError>.Default.Equals(_error, other._error));");
            _w.Line();
            _w.Line("public override bool Equals(object? obj) => obj is Result<TOk, TError> other && Equals(other);");
            _w.Line();
            _w.Line("public override int GetHashCode() => IsOk ? global::System.HashCode.Combine(true, _value) : global::System.HashCode.Combine(false, _error);");
            _w.Line();
            _w.Line("public override string ToString() => IsOk ? $\"Ok({_value})\" : $\"Err({_error})\";");
            _w.Line();
            _w.Line("public static bool operator ==(Result<TOk, TError> left, Result<TOk, TError> right) => left.Equals(right);");
            _w.Line();
            _w.Line("public static bool operator !=(Result<TOk, TError> left, Result<TOk, TError> right) => !left.Equals(right);");
        }
        _w.Line();
    }

    private void WriteUnit()
    {
        _w.Line("/// <summary>The missing side of a <c>result</c> without an ok or error type: carries nothing.</summary>");
        using (_w.Block("public readonly struct Unit : global::System.IEquatable<Unit>"))
        {
            _w.Line("public bool Equals(Unit other) => true;");
            _w.Line("public override bool Equals(object? obj) => obj is Unit;");
            _w.Line("public override int GetHashCode() => 0;");
            _w.Line("public override string ToString() => \"()\";");
        }
        _w.Line();
    }

    /// <summary>Only for an option of an option, which <c>T?</c> cannot express; every other option is <c>T?</c>.</summary>
    private void WriteOption()
    {
        _w.Line("/// <summary>A WIT <c>option</c> whose value is itself optional (every other option is <c>T?</c>).</summary>");
        using (_w.Block("public readonly struct Option<T> : global::System.IEquatable<Option<T>>"))
        {
            _w.Line("private readonly T _value;");
            _w.Line();
            using (_w.Block("private Option(T value)"))
            {
                _w.Line("_value = value;");
                _w.Line("HasValue = true;");
            }
            _w.Line();
            _w.Line("/// <summary>True for some value.</summary>");
            _w.Line("public bool HasValue { get; }");
            _w.Line();
            _w.Line("/// <summary>The value; reading it from none throws <see cref=\"global::System.InvalidOperationException\"/>.</summary>");
            _w.Line("public T Value => HasValue ? _value : throw new global::System.InvalidOperationException(\"the option has no value\");");
            _w.Line();
            _w.Line("/// <summary>No value.</summary>");
            _w.Line("public static Option<T> None => default;");
            _w.Line();
            _w.Line("/// <summary>Some value.</summary>");
            _w.Line("public static Option<T> Some(T value) => new(value);");
            _w.Line();
            _w.Line("/// <summary>Some value.</summary>");
            _w.Line("public static implicit operator Option<T>(T value) => new(value);");
            _w.Line();
            _w.Line("public bool Equals(Option<T> other) => HasValue == other.HasValue && (!HasValue || global::System.Collections.Generic.EqualityComparer<T>.Default.Equals(_value, other._value));");
            _w.Line("public override bool Equals(object? obj) => obj is Option<T> other && Equals(other);");
            _w.Line("public override int GetHashCode() => HasValue ? global::System.HashCode.Combine(_value) : 0;");
            _w.Line("public override string ToString() => HasValue ? $\"Some({_value})\" : \"None\";");
        }
        _w.Line();
    }
}
