namespace CsmEvents.Commands;

/// <summary>Stable ids of terminating errors about parameter values the module checks itself.</summary>
public static class ParameterErrorIds
{
    /// <summary>A parameter value cannot be used (an invalid wildcard pattern, -AsText together with -Format).
    /// Terminating: the command reads nothing.</summary>
    public const string InvalidParameterValue = "InvalidParameterValue";
}
