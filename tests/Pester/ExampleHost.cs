// The host of the runspaces in which ExampleRunner.ps1 runs documented examples. What a command writes to the host
// rather than to a stream (ShouldProcess's "What if:" lines, Write-Host without -InformationAction) reaches a user's
// console; here each line is added, in order, to the same list as the command's stream items, as a HostLine.
// Compiled by Add-Type (ExampleRunner.ps1): test code, never part of the module.
using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace CsmEvents.Tests.Examples
{
    /// <summary>A line a command wrote to the host.</summary>
    public sealed class HostLine
    {
        public HostLine(string text) { Text = text; }
        public string Text { get; }
        public override string ToString() => Text;
    }

    public sealed class ExampleHost : PSHost
    {
        private readonly ExampleHostUserInterface _ui = new ExampleHostUserInterface();
        private readonly Guid _id = Guid.NewGuid();

        /// <summary>Where host lines go: the list of the step being run (set by the runner before each step).</summary>
        public IList<object> Sink { get => _ui.Sink; set => _ui.Sink = value; }

        public override string Name => "CsmEventsExampleHost";
        public override Version Version => new Version(1, 0);
        public override Guid InstanceId => _id;
        public override PSHostUserInterface UI => _ui;
        public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;
        public override void SetShouldExit(int exitCode) { }
        public override void EnterNestedPrompt() => throw new NotSupportedException("no nested prompt in examples");
        public override void ExitNestedPrompt() => throw new NotSupportedException("no nested prompt in examples");
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
    }

    public sealed class ExampleHostUserInterface : PSHostUserInterface
    {
        private readonly StringBuilder _partial = new StringBuilder();
        public IList<object> Sink { get; set; } = new List<object>();

        // No raw console: what needs one (cursor moves, key reads) has no place in a documented example.
        public override PSHostRawUserInterface RawUI => null;

        public override void Write(string value) => Add(value);
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Add(value);
        public override void WriteLine(string value) => Add(value + "\n");
        public override void WriteErrorLine(string value) => Add(value + "\n");
        public override void WriteDebugLine(string message) => Add("DEBUG: " + message + "\n");
        public override void WriteVerboseLine(string message) => Add("VERBOSE: " + message + "\n");
        public override void WriteWarningLine(string message) => Add("WARNING: " + message + "\n");
        public override void WriteProgress(long sourceId, ProgressRecord record) { }

        private void Add(string text)
        {
            _partial.Append(text);
            string all = _partial.ToString();
            int end;
            while ((end = all.IndexOf('\n')) >= 0)
            {
                Sink.Add(new HostLine(all.Substring(0, end)));
                all = all.Substring(end + 1);
            }
            _partial.Clear().Append(all);
        }

        public override string ReadLine() => throw new NotSupportedException("a documented example cannot read input");
        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException("a documented example cannot read input");
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw new NotSupportedException("a documented example cannot prompt");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException("a documented example cannot prompt");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException("a documented example cannot prompt");
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => throw new NotSupportedException("a documented example cannot prompt");
    }
}
