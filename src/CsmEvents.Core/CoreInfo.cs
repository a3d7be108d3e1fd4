namespace CsmEvents;
internal static class CoreInfo { }
