namespace CsmEvents.Model;

/// <summary>The operating system an event comes from.</summary>
public enum CsmPlatform
{
    /// <summary>Neither agent.os nor the event's shape tells.</summary>
    Unknown = 0,
    Windows = 1,
    Linux = 2,
}
