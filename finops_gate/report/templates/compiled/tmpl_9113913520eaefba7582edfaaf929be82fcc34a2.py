from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'comment.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_doc = resolve('doc')
    l_0_nothing_counted = resolve('nothing_counted')
    l_0_usd = resolve('usd')
    l_0_t = resolve('t')
    l_0_verdict_titles = resolve('verdict_titles')
    l_0_nothing_counted_why = resolve('nothing_counted_why')
    l_0_per_request_headline = resolve('per_request_headline')
    l_0_projects = resolve('projects')
    l_0_projects_hidden = resolve('projects_hidden')
    l_0_mermaid_chart = resolve('mermaid_chart')
    l_0_changed = resolve('changed')
    l_0_hidden = resolve('hidden')
    l_0_unchanged_count = resolve('unchanged_count')
    l_0_findings_by_policy = resolve('findings_by_policy')
    l_0_approve_hint = resolve('approve_hint')
    l_0_not_counted = resolve('not_counted')
    l_0_not_counted_total = resolve('not_counted_total')
    l_0_not_counted_hidden = resolve('not_counted_hidden')
    l_0_assumptions = resolve('assumptions')
    l_0_assumptions_hidden = resolve('assumptions_hidden')
    l_0_notes = resolve('notes')
    l_0_notes_hidden = resolve('notes_hidden')
    l_0_fx = resolve('fx')
    l_0_v = l_0_chart = l_0_priced = missing
    try:
        t_1 = environment.filters['code']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'code' found.")
    try:
        t_2 = environment.filters['ident']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'ident' found.")
    try:
        t_3 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_4 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
    try:
        t_5 = environment.filters['md']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'md' found.")
    try:
        t_6 = environment.filters['pct']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'pct' found.")
    try:
        t_7 = environment.filters['per_request']
    except KeyError:
        @internalcode
        def t_7(*unused):
            raise TemplateRuntimeError("No filter named 'per_request' found.")
    try:
        t_8 = environment.filters['qty']
    except KeyError:
        @internalcode
        def t_8(*unused):
            raise TemplateRuntimeError("No filter named 'qty' found.")
    try:
        t_9 = environment.filters['rate']
    except KeyError:
        @internalcode
        def t_9(*unused):
            raise TemplateRuntimeError("No filter named 'rate' found.")
    try:
        t_10 = environment.filters['replace']
    except KeyError:
        @internalcode
        def t_10(*unused):
            raise TemplateRuntimeError("No filter named 'replace' found.")
    try:
        t_11 = environment.filters['selectattr']
    except KeyError:
        @internalcode
        def t_11(*unused):
            raise TemplateRuntimeError("No filter named 'selectattr' found.")
    try:
        t_12 = environment.filters['usd']
    except KeyError:
        @internalcode
        def t_12(*unused):
            raise TemplateRuntimeError("No filter named 'usd' found.")
    try:
        t_13 = environment.tests['defined']
    except KeyError:
        @internalcode
        def t_13(*unused):
            raise TemplateRuntimeError("No test named 'defined' found.")
    try:
        t_14 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_14(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    l_0_v = environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'verdict')
    context.vars['v'] = l_0_v
    context.exported_vars.add('v')
    yield '### finops-gate: '
    if (undefined(name='nothing_counted') if l_0_nothing_counted is missing else l_0_nothing_counted):
        pass
        yield 'cost not counted'
    else:
        pass
        yield str(context.call((undefined(name='usd') if l_0_usd is missing else l_0_usd), environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'monthly_delta'), signed=True))
        yield '/month'
        if (not t_14(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'delta_percent'))):
            pass
            yield ' ('
            yield str(t_6(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'delta_percent')))
            yield ')'
    yield ' · '
    yield str(environment.getitem((undefined(name='verdict_titles') if l_0_verdict_titles is missing else l_0_verdict_titles), (undefined(name='v') if l_0_v is missing else l_0_v)))
    yield '\n\n'
    if ((((not t_14(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'delta_percent'))) and (not t_14(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'monthly_delta')))) and (environment.getitem(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'monthly_delta'), 0) != '-')) and (environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'monthly_delta') != '0')):
        pass
        yield '**Projected cost increase: '
        yield str(t_6(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'delta_percent')))
        yield '.** '
    elif ((not t_14(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'monthly_delta'))) and (environment.getitem(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'monthly_delta'), 0) == '-')):
        pass
        yield '**Projected cost decrease: '
        yield str(t_6(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'delta_percent')))
        yield '.** '
    if (undefined(name='nothing_counted') if l_0_nothing_counted is missing else l_0_nothing_counted):
        pass
        yield 'Monthly cost: not counted ('
        yield str((undefined(name='nothing_counted_why') if l_0_nothing_counted_why is missing else l_0_nothing_counted_why))
        yield '; see below).'
    else:
        pass
        yield 'Monthly cost '
        yield str(t_12(context, environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'monthly_before')))
        yield ' → '
        yield str(t_12(context, environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'monthly_after')))
        yield ' ('
        yield str(context.call((undefined(name='usd') if l_0_usd is missing else l_0_usd), environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'monthly_delta'), signed=True))
        yield ').'
    yield '\n'
    if context.call((undefined(name='per_request_headline') if l_0_per_request_headline is missing else l_0_per_request_headline), (undefined(name='doc') if l_0_doc is missing else l_0_doc)):
        pass
        yield '**'
        yield str(t_5(context.call((undefined(name='per_request_headline') if l_0_per_request_headline is missing else l_0_per_request_headline), (undefined(name='doc') if l_0_doc is missing else l_0_doc), approval=False)))
        yield '**\n'
    if (environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'approval'), 'required') and (not environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'approval'), 'approved_by'))):
        pass
        yield '**Approval required'
        if environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'approval'), 'approvers'):
            pass
            yield ' from: '
            l_1_loop = missing
            for l_1_a, l_1_loop in LoopContext(environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'approval'), 'approvers'), undefined):
                _loop_vars = {}
                pass
                yield str(t_1(l_1_a))
                if (not environment.getattr(l_1_loop, 'last')):
                    pass
                    yield ', '
            l_1_loop = l_1_a = missing
        else:
            pass
            yield ' from an engineering lead'
        yield '.**\n'
    if environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'not_counted'):
        pass
        yield str(t_5(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'not_counted')))
        yield ' resource'
        yield str(('s' if (environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'not_counted') != 1) else cond_expr_undefined("the inline if-expression on line 16 in 'comment.md.j2' evaluated to false and no else section was defined.")))
        yield ' could not be fully priced and '
        yield str(('are' if (environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'not_counted') != 1) else 'is'))
        yield ' not in these totals (listed below).\n'
    if (not t_14((undefined(name='projects') if l_0_projects is missing else l_0_projects))):
        pass
        yield '\n| Project | Before | After | Δ monthly |\n|---|---:|---:|---:|\n'
        for l_1_p in (undefined(name='projects') if l_0_projects is missing else l_0_projects):
            _loop_vars = {}
            pass
            yield '| '
            yield str(t_1(environment.getattr(l_1_p, 'name')))
            yield ' | '
            yield str(t_12(context, environment.getattr(l_1_p, 'monthly_before')))
            yield ' | '
            yield str(t_12(context, environment.getattr(l_1_p, 'monthly_after')))
            yield ' | '
            yield str(context.call((undefined(name='usd') if l_0_usd is missing else l_0_usd), environment.getattr(l_1_p, 'monthly_delta'), signed=True, _loop_vars=_loop_vars))
            if environment.getattr(environment.getattr(l_1_p, 'totals'), 'not_counted'):
                pass
                yield ' ('
                yield str(environment.getattr(environment.getattr(l_1_p, 'totals'), 'not_counted'))
                yield ' not priced)'
            yield ' |\n'
        l_1_p = missing
        if (undefined(name='projects_hidden') if l_0_projects_hidden is missing else l_0_projects_hidden):
            pass
            yield '| … | | | '
            yield str((undefined(name='projects_hidden') if l_0_projects_hidden is missing else l_0_projects_hidden))
            yield ' more projects — full report in the job summary / artifact |\n'
    l_0_chart = context.call((undefined(name='mermaid_chart') if l_0_mermaid_chart is missing else l_0_mermaid_chart), (undefined(name='doc') if l_0_doc is missing else l_0_doc))
    context.vars['chart'] = l_0_chart
    context.exported_vars.add('chart')
    if (undefined(name='chart') if l_0_chart is missing else l_0_chart):
        pass
        yield '\n<details><summary>Chart: monthly cost before and after</summary>\n\n```mermaid\n'
        yield str((undefined(name='chart') if l_0_chart is missing else l_0_chart))
        yield '\n```\n\n</details>\n'
    def t_15(fiter):
        for l_1_r in fiter:
            if ((not t_14(environment.getattr(l_1_r, 'per_request_before'))) or (not t_14(environment.getattr(l_1_r, 'per_request_after')))):
                yield l_1_r
    l_1_loop = missing
    for l_1_r, l_1_loop in LoopContext(t_15((undefined(name='changed') if l_0_changed is missing else l_0_changed)), undefined):
        l_1_change_pct = resolve('change_pct')
        _loop_vars = {}
        pass
        if environment.getattr(l_1_loop, 'first'):
            pass
            yield '\n**Per request**\n\n'
        yield '- '
        yield str(t_1(environment.getattr(l_1_r, 'address')))
        yield ': '
        def t_16(fiter):
            for (l_2_key, l_2_pair) in fiter:
                if ((environment.getitem(l_2_pair, 0) and environment.getitem(l_2_pair, 1)) and (environment.getitem(l_2_pair, 0) != environment.getitem(l_2_pair, 1))):
                    yield (l_2_key, l_2_pair)
        for (l_2_key, l_2_pair) in t_16(context.call(environment.getattr(environment.getattr(l_1_r, 'identity'), 'items'), _loop_vars=_loop_vars)):
            _loop_vars = {}
            pass
            yield str(t_1(environment.getitem(l_2_pair, 0)))
            yield ' → '
            yield str(t_1(environment.getitem(l_2_pair, 1)))
            yield ': '
        l_2_key = l_2_pair = missing
        yield str(t_7(context, environment.getattr(l_1_r, 'per_request_before')))
        yield ' → '
        yield str(t_7(context, environment.getattr(l_1_r, 'per_request_after')))
        yield ' per request ('
        yield str(context.call((undefined(name='change_pct') if l_1_change_pct is missing else l_1_change_pct), environment.getattr(l_1_r, 'per_request_before'), environment.getattr(l_1_r, 'per_request_after'), _loop_vars=_loop_vars))
        yield '), '
        yield str(t_12(context, environment.getattr(l_1_r, 'monthly_before')))
        yield ' → '
        yield str(t_12(context, environment.getattr(l_1_r, 'monthly_after')))
        yield ' per month'
        if (not t_14(environment.getattr(l_1_r, 'per_request_worst'))):
            pass
            yield '; worst case '
            yield str(t_7(context, environment.getattr(l_1_r, 'per_request_worst_before')))
            yield ' → '
            yield str(t_7(context, environment.getattr(l_1_r, 'per_request_worst_after')))
            yield ' per request'
        if (not t_14(environment.getattr(l_1_r, 'moved_from'))):
            pass
            yield ' (moved from '
            yield str(t_1(environment.getattr(l_1_r, 'moved_from')))
            yield ')'
        yield '\n'
    l_1_loop = l_1_r = l_1_change_pct = missing
    if environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'services'):
        pass
        yield '\n**Unit economics** (per `finops:service`)\n\n| Service | Requests / month | Monthly | Per request | Per 1,000 requests |\n|---|---:|---:|---:|---:|\n'
        for l_1_s in environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'services'):
            _loop_vars = {}
            pass
            yield '| '
            yield str(t_1(environment.getattr(l_1_s, 'service')))
            yield ' | '
            yield str(t_8(environment.getattr(l_1_s, 'requests_per_month')))
            yield ' | '
            yield str(t_12(context, environment.getattr(l_1_s, 'monthly_before')))
            yield ' → '
            yield str(t_12(context, environment.getattr(l_1_s, 'monthly_after')))
            yield ' | '
            yield str(t_7(context, environment.getattr(l_1_s, 'per_request_before')))
            yield ' → '
            yield str(t_7(context, environment.getattr(l_1_s, 'per_request_after')))
            yield ' | '
            yield str(t_7(context, environment.getattr(l_1_s, 'per_1000_before')))
            yield ' → '
            yield str(t_7(context, environment.getattr(l_1_s, 'per_1000_after')))
            if environment.getattr(l_1_s, 'not_counted'):
                pass
                yield ' ('
                yield str(t_5(environment.getattr(l_1_s, 'not_counted')))
                yield ' not priced)'
            yield ' |\n'
        l_1_s = missing
    if ((undefined(name='changed') if l_0_changed is missing else l_0_changed) or (undefined(name='hidden') if l_0_hidden is missing else l_0_hidden)):
        pass
        yield '\n| Resource | Action | Before | After | Δ monthly |\n|---|---|---:|---:|---:|\n'
        for l_1_r in (undefined(name='changed') if l_0_changed is missing else l_0_changed):
            l_1_label = resolve('label')
            l_1_side_usd = resolve('side_usd')
            _loop_vars = {}
            pass
            yield '| '
            yield str(t_1(context.call((undefined(name='label') if l_1_label is missing else l_1_label), l_1_r, _loop_vars=_loop_vars)))
            yield ' | '
            yield str(t_5(environment.getattr(l_1_r, 'action')))
            yield ' | '
            yield str(context.call((undefined(name='side_usd') if l_1_side_usd is missing else l_1_side_usd), l_1_r, 'before', _loop_vars=_loop_vars))
            yield ' | '
            yield str(context.call((undefined(name='side_usd') if l_1_side_usd is missing else l_1_side_usd), l_1_r, 'after', _loop_vars=_loop_vars))
            yield ' | '
            yield str(context.call((undefined(name='usd') if l_0_usd is missing else l_0_usd), environment.getattr(l_1_r, 'monthly_delta'), signed=True, _loop_vars=_loop_vars))
            if (environment.getattr(l_1_r, 'status') in ('unpriced', 'unsupported', 'usage_unknown', 'self_hosted')):
                pass
                yield ' ('
                yield str(t_5(t_10(context.eval_ctx, environment.getattr(l_1_r, 'status'), '_', ' ')))
                yield ')'
            yield ' |\n'
        l_1_r = l_1_label = l_1_side_usd = missing
        if (undefined(name='hidden') if l_0_hidden is missing else l_0_hidden):
            pass
            yield '| … | | | | '
            yield str((undefined(name='hidden') if l_0_hidden is missing else l_0_hidden))
            yield ' more resources — full report in the job summary / artifact (the biggest changes are listed above) |\n'
        def t_17(fiter):
            l_1_quantities = resolve('quantities')
            for l_1_r in fiter:
                if context.call((undefined(name='quantities') if l_1_quantities is missing else l_1_quantities), l_1_r):
                    yield l_1_r
        l_1_loop = missing
        for l_1_r, l_1_loop in LoopContext(t_17((undefined(name='changed') if l_0_changed is missing else l_0_changed)), undefined):
            l_1_quantities = resolve('quantities')
            _loop_vars = {}
            pass
            if environment.getattr(l_1_loop, 'first'):
                pass
                yield '\nQuantities:\n'
            yield '- '
            yield str(t_1(environment.getattr(l_1_r, 'address')))
            yield ': '
            yield str(t_5(context.call((undefined(name='quantities') if l_1_quantities is missing else l_1_quantities), l_1_r, _loop_vars=_loop_vars)))
            yield '\n'
        l_1_loop = l_1_r = l_1_quantities = missing
    else:
        pass
        yield '\nNo resource changes.\n'
    if (undefined(name='unchanged_count') if l_0_unchanged_count is missing else l_0_unchanged_count):
        pass
        yield '\n'
        yield str((undefined(name='unchanged_count') if l_0_unchanged_count is missing else l_0_unchanged_count))
        yield ' unchanged resource'
        yield str(('s' if ((undefined(name='unchanged_count') if l_0_unchanged_count is missing else l_0_unchanged_count) != 1) else cond_expr_undefined("the inline if-expression on line 82 in 'comment.md.j2' evaluated to false and no else section was defined.")))
        yield ' counted in the totals.\n'
    if (undefined(name='findings_by_policy') if l_0_findings_by_policy is missing else l_0_findings_by_policy):
        pass
        yield '\n#### Findings\n'
        for (l_1_policy, l_1_items) in context.call(environment.getattr((undefined(name='findings_by_policy') if l_0_findings_by_policy is missing else l_0_findings_by_policy), 'items')):
            l_1_findings_more = resolve('findings_more')
            _loop_vars = {}
            pass
            yield '\n**'
            yield str(t_2(l_1_policy))
            yield '** ('
            yield str((t_3(l_1_items) + (context.call(environment.getattr((undefined(name='findings_more') if l_1_findings_more is missing else l_1_findings_more), 'get'), l_1_policy, 0, _loop_vars=_loop_vars) if t_13((undefined(name='findings_more') if l_1_findings_more is missing else l_1_findings_more)) else 0)))
            yield ')\n'
            for l_2_f in l_1_items:
                _loop_vars = {}
                pass
                yield '- '
                yield str(t_5(environment.getattr(l_2_f, 'severity')))
                yield ': '
                if environment.getattr(l_2_f, 'address'):
                    pass
                    yield str(t_1(environment.getattr(l_2_f, 'address')))
                    yield ': '
                yield str(t_5(environment.getattr(l_2_f, 'message')))
                if environment.getattr(l_2_f, 'file'):
                    pass
                    yield ' ('
                    yield str(t_5(environment.getattr(l_2_f, 'file')))
                    if environment.getattr(l_2_f, 'line'):
                        pass
                        yield ':'
                        yield str(t_5(environment.getattr(l_2_f, 'line')))
                    yield ')'
                yield '\n'
            l_2_f = missing
            if (t_13((undefined(name='findings_more') if l_1_findings_more is missing else l_1_findings_more)) and context.call(environment.getattr((undefined(name='findings_more') if l_1_findings_more is missing else l_1_findings_more), 'get'), l_1_policy, _loop_vars=_loop_vars)):
                pass
                yield '- … '
                yield str(environment.getitem((undefined(name='findings_more') if l_1_findings_more is missing else l_1_findings_more), l_1_policy))
                yield ' more — full list in the job summary / artifact\n'
        l_1_policy = l_1_items = l_1_findings_more = missing
    if (environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'approval'), 'required') or environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'approval'), 'approved_by')):
        pass
        yield '\n#### Approval\n'
        if (environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'approval'), 'required') and (not environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'approval'), 'approved_by'))):
            pass
            yield '\nApproval required from: '
            l_1_loop = missing
            t_18 = 1
            for l_1_a, l_1_loop in LoopContext(environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'approval'), 'approvers'), undefined):
                _loop_vars = {}
                pass
                yield str(t_1(l_1_a))
                if (not environment.getattr(l_1_loop, 'last')):
                    pass
                    yield ', '
                t_18 = 0
            l_1_loop = l_1_a = missing
            if t_18:
                pass
                yield 'an engineering lead'
            yield '\n'
        for l_1_reason in environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'approval'), 'reasons'):
            _loop_vars = {}
            pass
            yield '- '
            yield str(t_5(l_1_reason))
            yield '\n'
        l_1_reason = missing
        if environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'approval'), 'approved_by'):
            pass
            yield '- Approved by: '
            l_1_loop = missing
            for l_1_a, l_1_loop in LoopContext(environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'approval'), 'approved_by'), undefined):
                _loop_vars = {}
                pass
                yield str(t_1(l_1_a))
                if (not environment.getattr(l_1_loop, 'last')):
                    pass
                    yield ', '
            l_1_loop = l_1_a = missing
            yield '\n'
        for l_1_a in (environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'approval'), 'approvals') or []):
            _loop_vars = {}
            pass
            yield '- '
            yield str(t_1(environment.getattr(l_1_a, 'login')))
            yield ' approved head '
            yield str(t_1(environment.getattr(l_1_a, 'head_sha')[:12]))
            yield ' ('
            yield str(t_5(environment.getattr(l_1_a, 'via')))
            yield ')\n'
        l_1_a = missing
        for l_1_n in (environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'approval'), 'notes') or []):
            _loop_vars = {}
            pass
            yield '- '
            yield str(t_5(l_1_n))
            yield '\n'
        l_1_n = missing
        if (((undefined(name='approve_hint') if l_0_approve_hint is missing else l_0_approve_hint) and environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'approval'), 'required')) and (not environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'approval'), 'approved_by'))):
            pass
            yield '\n'
            yield str((undefined(name='approve_hint') if l_0_approve_hint is missing else l_0_approve_hint))
            yield '\n'
    if (undefined(name='not_counted') if l_0_not_counted is missing else l_0_not_counted):
        pass
        yield '\n#### Not priced ('
        yield str((undefined(name='not_counted_total') if l_0_not_counted_total is missing else l_0_not_counted_total))
        yield ')\n\n| Resource | Status | Reason |\n|---|---|---|\n'
        for l_1_r in (undefined(name='not_counted') if l_0_not_counted is missing else l_0_not_counted):
            l_1_label = resolve('label')
            _loop_vars = {}
            pass
            yield '| '
            yield str(t_1(context.call((undefined(name='label') if l_1_label is missing else l_1_label), l_1_r, _loop_vars=_loop_vars)))
            yield ' | '
            yield str(t_5(t_10(context.eval_ctx, environment.getattr(l_1_r, 'status'), '_', ' ')))
            yield ' | '
            yield str(t_5((environment.getattr(l_1_r, 'reason') or '')))
            yield ' |\n'
        l_1_r = l_1_label = missing
        if (undefined(name='not_counted_hidden') if l_0_not_counted_hidden is missing else l_0_not_counted_hidden):
            pass
            yield '| … | | '
            yield str((undefined(name='not_counted_hidden') if l_0_not_counted_hidden is missing else l_0_not_counted_hidden))
            yield ' more — full report in the job summary / artifact |\n'
    l_0_priced = t_4(context.eval_ctx, t_11(context, (undefined(name='changed') if l_0_changed is missing else l_0_changed), 'lines'))
    context.vars['priced'] = l_0_priced
    context.exported_vars.add('priced')
    if (undefined(name='priced') if l_0_priced is missing else l_0_priced):
        pass
        yield '\n<details><summary>Cost lines</summary>\n\n'
        for l_1_r in (undefined(name='priced') if l_0_priced is missing else l_0_priced):
            _loop_vars = {}
            pass
            yield str(t_1(environment.getattr(l_1_r, 'address')))
            yield '\n\n| Line | Quantity | Unit price | Monthly |\n|---|---:|---:|---:|\n'
            for l_2_l in environment.getattr(l_1_r, 'lines'):
                _loop_vars = {}
                pass
                yield '| '
                yield str(t_5(environment.getattr(l_2_l, 'name')))
                yield ' | '
                yield str(t_8(environment.getattr(l_2_l, 'monthly_quantity')))
                yield ' '
                yield str(t_5(environment.getattr(l_2_l, 'unit')))
                yield ' | '
                yield str(t_9(context, environment.getattr(l_2_l, 'unit_price')))
                yield ' | '
                if (not t_14(environment.getattr(l_2_l, 'monthly_cost'))):
                    pass
                    yield str(t_12(context, environment.getattr(l_2_l, 'monthly_cost')))
                elif (not t_14(environment.getattr(l_2_l, 'unit_price'))):
                    pass
                    yield 'depends on usage: '
                    yield str(t_9(context, environment.getattr(l_2_l, 'unit_price')))
                    yield ' per '
                    yield str(t_5(environment.getattr(l_2_l, 'unit')))
                else:
                    pass
                    yield str(t_5((environment.getattr(l_2_l, 'reason') or 'not priced')))
                yield ' |\n'
            l_2_l = missing
            yield '\n'
        l_1_r = missing
        yield '</details>\n'
    yield '\n<details><summary>Assumptions</summary>\n\n- '
    yield str(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'hours_per_month'))
    yield ' hours per month; '
    yield str(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'currency'))
    yield '; on-demand list prices.\n'
    for l_1_a in (undefined(name='assumptions') if l_0_assumptions is missing else l_0_assumptions):
        _loop_vars = {}
        pass
        yield '- '
        yield str(t_1(environment.getattr(l_1_a, 'subject')))
        yield ' '
        yield str(t_5(environment.getattr(l_1_a, 'key')))
        yield ' = '
        yield str(t_5(environment.getattr(l_1_a, 'value')))
        yield ' (from '
        yield str(t_5(environment.getattr(l_1_a, 'origin')))
        yield ')\n'
    l_1_a = missing
    if (undefined(name='assumptions_hidden') if l_0_assumptions_hidden is missing else l_0_assumptions_hidden):
        pass
        yield '- … '
        yield str((undefined(name='assumptions_hidden') if l_0_assumptions_hidden is missing else l_0_assumptions_hidden))
        yield ' more assumptions — full report in the job summary / artifact\n'
    for l_1_n in (undefined(name='notes') if l_0_notes is missing else l_0_notes):
        _loop_vars = {}
        pass
        yield '- '
        yield str(t_5(l_1_n))
        yield '\n'
    l_1_n = missing
    if (undefined(name='notes_hidden') if l_0_notes_hidden is missing else l_0_notes_hidden):
        pass
        yield '- … '
        yield str((undefined(name='notes_hidden') if l_0_notes_hidden is missing else l_0_notes_hidden))
        yield ' more notes — full report in the job summary / artifact\n'
    for l_1_c in environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'catalog_files'):
        l_1_catalog_line = resolve('catalog_line')
        _loop_vars = {}
        pass
        yield '- Prices from '
        yield str(t_5(context.call((undefined(name='catalog_line') if l_1_catalog_line is missing else l_1_catalog_line), l_1_c, _loop_vars=_loop_vars)))
        yield '\n'
    l_1_c = l_1_catalog_line = missing
    yield '</details>\n\n'
    if (undefined(name='fx') if l_0_fx is missing else l_0_fx):
        pass
        yield '<sub>'
        yield str(t_5((undefined(name='fx') if l_0_fx is missing else l_0_fx)))
        yield '</sub>\n\n'
    yield '<sub>Catalogs: '
    l_1_loop = missing
    t_19 = 1
    for (l_1_name, l_1_version), l_1_loop in LoopContext(context.call(environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'catalogs'), 'items')), undefined):
        _loop_vars = {}
        pass
        yield str(t_2(l_1_name))
        yield ' '
        yield str(t_2(l_1_version))
        if (not environment.getattr(l_1_loop, 'last')):
            pass
            yield ' · '
        t_19 = 0
    l_1_loop = l_1_name = l_1_version = missing
    if t_19:
        pass
        yield 'none used'
    yield ' · '
    yield str(t_5(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'generator')))
    yield '</sub>\n'

blocks = {}
debug_info = '1=119&2=123&4=138&5=141&6=146&7=148&9=163&10=166&12=168&13=171&15=187&16=189&18=195&22=198&23=202&25=216&26=219&29=221&30=224&35=227&40=229&41=238&46=242&49=280&55=283&56=287&59=309&63=312&64=318&66=334&67=337&69=339&70=349&74=353&80=361&82=364&84=368&87=371&89=376&90=380&91=384&94=402&95=405&99=408&102=411&104=416&107=429&108=433&110=436&111=440&114=449&115=453&117=460&118=464&120=467&122=470&125=472&127=475&131=477&132=482&134=489&135=492&138=494&139=497&143=500&144=503&148=505&149=509&158=535&159=539&160=543&162=552&163=555&165=557&166=561&168=564&169=567&171=569&172=574&176=578&177=581&180=586'