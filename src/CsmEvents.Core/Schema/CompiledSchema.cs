using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using CsmEvents.Schema.Evaluation;
using CsmEvents.Schema.Json;

namespace CsmEvents.Schema;

/// <summary>
/// A schema compiled once into an immutable tree of keyword evaluators. Thread-safe: validate any number of
/// instances, from any number of threads. Valid instances are checked without building any error objects.
/// </summary>
public sealed class CompiledSchema
{
    private readonly SchemaNode _root;

    internal CompiledSchema(string name, string dialect, string baseUri, SchemaNode root)
    {
        Name = name;
        Dialect = dialect;
        BaseUri = baseUri;
        _root = root;
    }

    /// <summary>A display name: the embedded schema's name, the file name, or the URI.</summary>
    public string Name { get; }

    /// <summary>"2020-12", "draft-07", "draft-06" or "draft-04" (a custom 2020-12 meta-schema adds its URI in parentheses).</summary>
    public string Dialect { get; }

    /// <summary>The base URI of the schema document (its $id, or where it was loaded from).</summary>
    public string BaseUri { get; }

    /// <summary>Validates <paramref name="instance"/> and returns every error, with locations and messages.</summary>
    public SchemaValidationResult Validate(JsonElement instance, SchemaValidationOptions? options = null)
    {
        var context = EvaluationContext.Rent(options ?? SchemaValidationOptions.Default, collecting: true);
        try
        {
            bool valid = _root.Evaluate(instance, context, null);
            if (valid) return SchemaValidationResult.Valid;
            var errors = context.Errors;
            if (errors.Count == 0)
            {
                // Every failing keyword reports itself; this only guards the invariant "invalid means explained".
                errors.Add(new SchemaError("", _root.Location, "schema", "the value does not match the schema", JsonValueText.Render(instance), null));
            }
            return new SchemaValidationResult(errors.ToArray());
        }
        catch (EvaluationTooDeepException)
        {
            return new SchemaValidationResult(new List<SchemaError> { TooDeep(context, instance) });
        }
        finally
        {
            EvaluationContext.Return(context);
        }
    }

    /// <summary>The verdict only: stops at the first failure and builds no error details.</summary>
    public bool IsValid(JsonElement instance, SchemaValidationOptions? options = null)
    {
        var context = EvaluationContext.Rent(options ?? SchemaValidationOptions.Default, collecting: false);
        try
        {
            return _root.Evaluate(instance, context, null);
        }
        catch (EvaluationTooDeepException)
        {
            return false;
        }
        finally
        {
            EvaluationContext.Return(context);
        }
    }

    private SchemaError TooDeep(EvaluationContext context, JsonElement instance) =>
        new(context.InstancePath(), _root.Location, "$depth",
            "the value is nested deeper than " + context.MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels and cannot be compared; validation stopped",
            JsonValueText.Render(instance), null);
}
