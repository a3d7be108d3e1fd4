#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

# What a user of Get-CsmEvent -Query sees of the Datadog safeguards: -Site is one of Datadog's sites, a host that does
# not resolve fails at once, redirects never take the keys to another origin, keys never show in messages, endless
# pagination stops with a warning (issue 12 items 15-17, issue 10 section 2 item 12).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-CsmEventsModule
    $class = 'CsmEvents.Commands.GetCsmEventCommand'
    $apiKey = ConvertTo-SecureString 'stubApiKeySECRET0001' -AsPlainText -Force
    $appKey = ConvertTo-SecureString 'stubAppKeySECRET0001' -AsPlainText -Force
    $knownSites = 'datadoghq.com, us3.datadoghq.com, us5.datadoghq.com, datadoghq.eu, ap1.datadoghq.com, ap2.datadoghq.com, uk1.datadoghq.com, ddog-gov.com, us2.ddog-gov.com'

    # An HTTP server on 127.0.0.1 that answers each request with the next scripted response (status, headers, body)
    # and records what it received: method, path, and whether the Datadog key headers came with it.
    function Start-ScriptedServer {
        param([object[]] $Responses)
        Start-LoopbackServer -Count $Responses.Count -State $Responses -Respond {
            param($Context, $Responses, $Number, $Requests)
            $response = $Responses[$Number]
            $null = (New-Object System.IO.StreamReader ($Context.Request.InputStream)).ReadToEnd()
            $keys = [bool] $Context.Request.Headers['DD-API-KEY'] -or [bool] $Context.Request.Headers['DD-APPLICATION-KEY']
            $Requests.Enqueue("$($Context.Request.HttpMethod) $($Context.Request.Url.AbsolutePath) keys=$keys")
            $Context.Response.StatusCode = $response.Status
            foreach ($name in $response.Headers.Keys) { $Context.Response.Headers[$name] = $response.Headers[$name] }
            $bytes = [System.Text.Encoding]::UTF8.GetBytes([string] $response.Body)
            $Context.Response.ContentType = 'application/json'
            $Context.Response.ContentLength64 = $bytes.Length
            $Context.Response.OutputStream.Write($bytes, 0, $bytes.Length)
        }
    }

    function Stop-ScriptedServer($Server) {
        Stop-LoopbackServer $Server
    }

    function New-Page([int] $Events, [string] $Cursor, [string] $RequestId) {
        $data = @(1..$Events | Where-Object { $Events -gt 0 } | ForEach-Object {
                '{"id":"L' + $_ + '","type":"log","attributes":{"attributes":{"agent":{"rule_id":"r"},"evt":{"name":"exec"},"date":"2025-06-03T09:41:00Z","process":{"pid":' + $_ + '}},"host":"web-01","timestamp":"2025-06-03T09:41:00.000Z"}}'
            }) -join ','
        $page = if ($Cursor) { '{"after":"' + $Cursor + '"}' } else { '{}' }
        '{"data":[' + $data + '],"meta":{"page":' + $page + ',"request_id":"' + $RequestId + '","status":"done"}}'
    }
}

Describe 'Get-CsmEvent -Site' {
    It 'refuses a site that is not one of Datadog''s at binding, naming the known sites' {
        { Get-CsmEvent -Query 'x' -Site 'example.com' } | Should -Throw -ErrorId "ParameterArgumentValidationError,$class"
        try { Get-CsmEvent -Query 'x' -Site 'example.com' } catch { $message = $_.Exception.Message }
        $message | Should -BeExactly ("Cannot validate argument on parameter 'Site'. The Datadog site 'example.com' (from -Site) is not a Datadog site; " +
            "use one of $knownSites, or give the address of anything else (a proxy, a test server) as -ApiUrl.")
    }

    It 'completes the known sites' {
        $line = 'Get-CsmEvent -Query x -Site us'
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $completions | Should -Be @('us3.datadoghq.com', 'us5.datadoghq.com', 'us2.ddog-gov.com')
    }
}

Describe 'Get-CsmEvent -Query against a server that misbehaves' {
    It 'fails at once, without retries, when the host name does not resolve' {
        # .invalid never resolves (RFC 2606).
        $output = @(Get-CsmEvent -Query 'x' -ApiUrl 'https://api.csm-events-test.invalid/' -ApiKey $apiKey -ApplicationKey $appKey -ErrorVariable failed -ErrorAction SilentlyContinue -Verbose 4>&1)
        @($output | Where-Object { "$_" -like 'POST *attempt*' }).Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -Be "DatadogNetworkError,$class"
        $failed[0].Exception.Message | Should -BeLike 'Could not reach Datadog on POST https://api.csm-events-test.invalid/api/v2/logs/events/search, page 1: the host name api.csm-events-test.invalid does not resolve (*); not retried. Check the site (Site, DD_SITE) or ApiUrl.'
    }

    It 'does not follow a redirect to another origin: that server gets no request and no key' {
        $other = Start-ScriptedServer -Responses @(@{ Status = 200; Body = (New-Page 1 $null 'req-other') })
        $server = Start-ScriptedServer -Responses @(@{ Status = 307; Headers = @{ Location = "$($other.Url)api/v2/logs/events/search" } })
        try {
            $events = @(Get-CsmEvent -Query 'x' -ApiUrl $server.Url -ApiKey $apiKey -ApplicationKey $appKey -ErrorVariable failed -ErrorAction SilentlyContinue)
            $events.Count | Should -Be 0
            $failed[0].FullyQualifiedErrorId | Should -Be "DatadogRedirectRefused,$class"
            $failed[0].CategoryInfo.Category | Should -Be 'SecurityError'
            $failed[0].Exception.Message | Should -BeExactly ("Datadog answered HTTP 307 Temporary Redirect on POST $($server.Url)api/v2/logs/events/search, page 1, " +
                "a redirect to $($other.Url)api/v2/logs/events/search, another origin than $($server.Url.TrimEnd('/')): not followed, so the API keys were not sent there. " +
                'If that address is right, give it as ApiUrl.')
            @($server.Requests.ToArray()) | Should -Be @('POST /api/v2/logs/events/search keys=True')
            @($other.Requests.ToArray()).Count | Should -Be 0
        }
        finally {
            Stop-ScriptedServer $server
            Stop-ScriptedServer $other
        }
    }

    It 'never shows a key in an error, even one the excerpt would cut and in another case' {
        # The key echoed in upper case from character 108 on: a 120-character excerpt ends inside it.
        $body = '<html>' + ('x' * 100) + ' ' + 'STUBAPIKEYSECRET0001' + ' </html>'
        $server = Start-ScriptedServer -Responses @(@{ Status = 401; Body = $body })
        try {
            $null = Get-CsmEvent -Query 'x' -ApiUrl $server.Url -ApiKey $apiKey -ApplicationKey $appKey -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed[0].FullyQualifiedErrorId | Should -Be "DatadogUnauthorized,$class"
            $failed[0].Exception.Message | Should -BeLike "*Datadog said: ""<html>$('x' * 100) ``[redacted``] </..."""
            $failed[0].Exception.Message | Should -Not -Match 'stubA|SECRET'
        }
        finally {
            Stop-ScriptedServer $server
        }
    }

    It 'stops a search whose pages keep announcing more without events, with a warning' {
        $pages = @(1..12 | ForEach-Object { @{ Status = 200; Body = (New-Page 0 "c$_" "req-$_") } })
        $server = Start-ScriptedServer -Responses $pages
        try {
            $events = @(Get-CsmEvent -Query 'x' -ApiUrl $server.Url -ApiKey $apiKey -ApplicationKey $appKey -WarningVariable warned -WarningAction SilentlyContinue)
            $events.Count | Should -Be 0
            @($server.Requests.ToArray()).Count | Should -Be 10
            @($warned).Count | Should -Be 1
            $warned[0].Message | Should -BeExactly ('Datadog returned 10 pages in a row without events (pages 1 to 10), each announcing a further page: stopped there, after 0 events, ' +
                'to avoid asking without end. Results may be incomplete: search again, with a narrower time range or query. (page 10, request id req-10)')
        }
        finally {
            Stop-ScriptedServer $server
        }
    }
}
