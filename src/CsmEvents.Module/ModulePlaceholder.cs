namespace CsmEvents;
internal static class ModulePlaceholder { }
