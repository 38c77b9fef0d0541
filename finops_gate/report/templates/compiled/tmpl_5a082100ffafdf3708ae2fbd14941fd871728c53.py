from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'table.txt.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_lines = resolve('lines')
    l_0_doc = resolve('doc')
    l_0_nothing_counted = resolve('nothing_counted')
    l_0_nothing_counted_why = resolve('nothing_counted_why')
    l_0_t = resolve('t')
    l_0_usd = resolve('usd')
    l_0_per_request_headline = resolve('per_request_headline')
    l_0_unchanged_count = resolve('unchanged_count')
    l_0_changed = resolve('changed')
    l_0_not_counted = resolve('not_counted')
    l_0_findings_by_policy = resolve('findings_by_policy')
    l_0_fx = resolve('fx')
    try:
        t_1 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_2 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_3 = environment.filters['pct']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'pct' found.")
    try:
        t_4 = environment.filters['per_request']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'per_request' found.")
    try:
        t_5 = environment.filters['plain']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'plain' found.")
    try:
        t_6 = environment.filters['qty']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'qty' found.")
    try:
        t_7 = environment.filters['replace']
    except KeyError:
        @internalcode
        def t_7(*unused):
            raise TemplateRuntimeError("No filter named 'replace' found.")
    try:
        t_8 = environment.filters['upper']
    except KeyError:
        @internalcode
        def t_8(*unused):
            raise TemplateRuntimeError("No filter named 'upper' found.")
    try:
        t_9 = environment.filters['usd']
    except KeyError:
        @internalcode
        def t_9(*unused):
            raise TemplateRuntimeError("No filter named 'usd' found.")
    try:
        t_10 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_10(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    t_11 = 1
    for l_1_line in (undefined(name='lines') if l_0_lines is missing else l_0_lines):
        _loop_vars = {}
        pass
        yield str(l_1_line)
        yield '\n'
        t_11 = 0
    l_1_line = missing
    if t_11:
        pass
        yield 'No resource changes.\n'
    yield '\n'
    if (not t_10(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'projects'))):
        pass
        for l_1_p in environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'projects'):
            _loop_vars = {}
            pass
            yield 'Project '
            yield str(t_5(environment.getattr(l_1_p, 'name')))
            yield ': '
            yield str(t_9(context, environment.getattr(l_1_p, 'monthly_before')))
            yield ' -> '
            yield str(t_9(context, environment.getattr(l_1_p, 'monthly_after')))
            yield '  '
            yield str(context.call((undefined(name='usd') if l_0_usd is missing else l_0_usd), environment.getattr(l_1_p, 'monthly_delta'), signed=True, _loop_vars=_loop_vars))
            if environment.getattr(environment.getattr(l_1_p, 'totals'), 'not_counted'):
                pass
                yield ' ('
                yield str(environment.getattr(environment.getattr(l_1_p, 'totals'), 'not_counted'))
                yield ' not priced)'
            yield '\n'
        l_1_p = missing
    if (undefined(name='nothing_counted') if l_0_nothing_counted is missing else l_0_nothing_counted):
        pass
        yield 'Monthly cost: not counted ('
        yield str((undefined(name='nothing_counted_why') if l_0_nothing_counted_why is missing else l_0_nothing_counted_why))
        yield '; see below)'
    else:
        pass
        yield 'Monthly cost: '
        yield str(t_9(context, environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'monthly_before')))
        yield ' -> '
        yield str(t_9(context, environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'monthly_after')))
        yield '  '
        yield str(context.call((undefined(name='usd') if l_0_usd is missing else l_0_usd), environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'monthly_delta'), signed=True))
        if (not t_10(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'delta_percent'))):
            pass
            yield ' ('
            yield str(t_3(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'delta_percent')))
            yield ')'
    yield '\n'
    if context.call((undefined(name='per_request_headline') if l_0_per_request_headline is missing else l_0_per_request_headline), (undefined(name='doc') if l_0_doc is missing else l_0_doc)):
        pass
        yield str(t_5(context.call((undefined(name='per_request_headline') if l_0_per_request_headline is missing else l_0_per_request_headline), (undefined(name='doc') if l_0_doc is missing else l_0_doc))))
        yield '\n'
    if (undefined(name='unchanged_count') if l_0_unchanged_count is missing else l_0_unchanged_count):
        pass
        yield str((undefined(name='unchanged_count') if l_0_unchanged_count is missing else l_0_unchanged_count))
        yield ' unchanged resource'
        yield str(('s' if ((undefined(name='unchanged_count') if l_0_unchanged_count is missing else l_0_unchanged_count) != 1) else cond_expr_undefined("the inline if-expression on line 22 in 'table.txt.j2' evaluated to false and no else section was defined.")))
        yield ' counted in the totals.\n'
    def t_12(fiter):
        for l_1_r in fiter:
            if ((not t_10(environment.getattr(l_1_r, 'per_request_before'))) or (not t_10(environment.getattr(l_1_r, 'per_request_after')))):
                yield l_1_r
    l_1_loop = missing
    for l_1_r, l_1_loop in LoopContext(t_12((undefined(name='changed') if l_0_changed is missing else l_0_changed)), undefined):
        l_1_change_pct = resolve('change_pct')
        _loop_vars = {}
        pass
        if environment.getattr(l_1_loop, 'first'):
            pass
            yield 'Per request:\n'
        yield '  '
        yield str(t_5(environment.getattr(l_1_r, 'address')))
        yield ': '
        def t_13(fiter):
            for (l_2_key, l_2_pair) in fiter:
                if ((environment.getitem(l_2_pair, 0) and environment.getitem(l_2_pair, 1)) and (environment.getitem(l_2_pair, 0) != environment.getitem(l_2_pair, 1))):
                    yield (l_2_key, l_2_pair)
        for (l_2_key, l_2_pair) in t_13(context.call(environment.getattr(environment.getattr(l_1_r, 'identity'), 'items'), _loop_vars=_loop_vars)):
            _loop_vars = {}
            pass
            yield str(t_5(environment.getitem(l_2_pair, 0)))
            yield ' -> '
            yield str(t_5(environment.getitem(l_2_pair, 1)))
            yield ': '
        l_2_key = l_2_pair = missing
        yield str(t_4(context, environment.getattr(l_1_r, 'per_request_before')))
        yield ' -> '
        yield str(t_4(context, environment.getattr(l_1_r, 'per_request_after')))
        yield ' ('
        yield str(context.call((undefined(name='change_pct') if l_1_change_pct is missing else l_1_change_pct), environment.getattr(l_1_r, 'per_request_before'), environment.getattr(l_1_r, 'per_request_after'), _loop_vars=_loop_vars))
        yield ')'
        if (not t_10(environment.getattr(l_1_r, 'per_request_worst'))):
            pass
            yield '; worst case '
            yield str(t_4(context, environment.getattr(l_1_r, 'per_request_worst_before')))
            yield ' -> '
            yield str(t_4(context, environment.getattr(l_1_r, 'per_request_worst_after')))
        if (not t_10(environment.getattr(l_1_r, 'moved_from'))):
            pass
            yield ' (moved from '
            yield str(t_5(environment.getattr(l_1_r, 'moved_from')))
            yield ')'
        yield '\n'
    l_1_loop = l_1_r = l_1_change_pct = missing
    if (not t_10(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'services'))):
        pass
        l_1_loop = missing
        for l_1_s, l_1_loop in LoopContext(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'services'), undefined):
            _loop_vars = {}
            pass
            if environment.getattr(l_1_loop, 'first'):
                pass
                yield 'Unit economics (finops:service):\n'
            yield '  '
            yield str(t_5(environment.getattr(l_1_s, 'service')))
            yield ': '
            yield str(t_6(environment.getattr(l_1_s, 'requests_per_month')))
            yield ' requests/month, '
            yield str(t_9(context, environment.getattr(l_1_s, 'monthly_before')))
            yield ' -> '
            yield str(t_9(context, environment.getattr(l_1_s, 'monthly_after')))
            yield '; per request '
            yield str(t_4(context, environment.getattr(l_1_s, 'per_request_before')))
            yield ' -> '
            yield str(t_4(context, environment.getattr(l_1_s, 'per_request_after')))
            yield '; per 1,000 '
            yield str(t_4(context, environment.getattr(l_1_s, 'per_1000_before')))
            yield ' -> '
            yield str(t_4(context, environment.getattr(l_1_s, 'per_1000_after')))
            if environment.getattr(l_1_s, 'not_counted'):
                pass
                yield ' ('
                yield str(environment.getattr(l_1_s, 'not_counted'))
                yield ' not priced)'
            yield '\n'
        l_1_loop = l_1_s = missing
    if (undefined(name='not_counted') if l_0_not_counted is missing else l_0_not_counted):
        pass
        yield 'Not in the totals ('
        yield str(t_2((undefined(name='not_counted') if l_0_not_counted is missing else l_0_not_counted)))
        yield '):\n'
        for l_1_r in (undefined(name='not_counted') if l_0_not_counted is missing else l_0_not_counted):
            l_1_label = resolve('label')
            _loop_vars = {}
            pass
            yield '  '
            yield str(t_5(context.call((undefined(name='label') if l_1_label is missing else l_1_label), l_1_r, _loop_vars=_loop_vars)))
            yield ': '
            yield str(t_7(context.eval_ctx, environment.getattr(l_1_r, 'status'), '_', ' '))
            if environment.getattr(l_1_r, 'reason'):
                pass
                yield ' - '
                yield str(t_5(environment.getattr(l_1_r, 'reason')))
            yield '\n'
        l_1_r = l_1_label = missing
    if (undefined(name='findings_by_policy') if l_0_findings_by_policy is missing else l_0_findings_by_policy):
        pass
        yield 'Findings:\n'
        for (l_1_policy, l_1_items) in context.call(environment.getattr((undefined(name='findings_by_policy') if l_0_findings_by_policy is missing else l_0_findings_by_policy), 'items')):
            _loop_vars = {}
            pass
            for l_2_f in l_1_items:
                _loop_vars = {}
                pass
                yield '  ['
                yield str(environment.getattr(l_2_f, 'severity'))
                yield '] '
                yield str(l_1_policy)
                yield ': '
                if environment.getattr(l_2_f, 'address'):
                    pass
                    yield str(t_5(environment.getattr(l_2_f, 'address')))
                    yield ': '
                yield str(t_5(environment.getattr(l_2_f, 'message')))
                if environment.getattr(l_2_f, 'file'):
                    pass
                    yield ' ('
                    yield str(t_5(environment.getattr(l_2_f, 'file')))
                    if environment.getattr(l_2_f, 'line'):
                        pass
                        yield ':'
                        yield str(environment.getattr(l_2_f, 'line'))
                    yield ')'
                yield '\n'
            l_2_f = missing
        l_1_policy = l_1_items = missing
    if (environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'approval'), 'required') and environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'approval'), 'approved_by')):
        pass
        yield 'Approved by: '
        yield str(t_5(t_1(context.eval_ctx, environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'approval'), 'approved_by'), ', ')))
        yield '\n'
    elif environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'approval'), 'required'):
        pass
        yield 'Approval required from: '
        yield str((t_5(t_1(context.eval_ctx, environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'approval'), 'approvers'), ', ')) if environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'approval'), 'approvers') else 'an engineering lead'))
        yield '\n\n'
        for l_1_reason in environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'approval'), 'reasons'):
            _loop_vars = {}
            pass
            yield '  - '
            yield str(t_5(l_1_reason))
            yield '\n'
        l_1_reason = missing
    if environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'notes'):
        pass
        yield 'Notes:\n'
        for l_1_n in environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'notes'):
            _loop_vars = {}
            pass
            yield '  - '
            yield str(t_5(l_1_n))
            yield '\n'
        l_1_n = missing
    if (undefined(name='fx') if l_0_fx is missing else l_0_fx):
        pass
        yield str((undefined(name='fx') if l_0_fx is missing else l_0_fx))
        yield '\n'
    if environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'catalog_files'):
        pass
        yield 'Catalogs:\n'
        for l_1_c in environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'catalog_files'):
            l_1_catalog_line = resolve('catalog_line')
            _loop_vars = {}
            pass
            yield '  '
            yield str(t_5(context.call((undefined(name='catalog_line') if l_1_catalog_line is missing else l_1_catalog_line), l_1_c, _loop_vars=_loop_vars)))
            yield '\n'
        l_1_c = l_1_catalog_line = missing
    else:
        pass
        yield 'Catalogs: '
        l_1_loop = missing
        t_14 = 1
        for (l_1_name, l_1_version), l_1_loop in LoopContext(context.call(environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'catalogs'), 'items')), undefined):
            _loop_vars = {}
            pass
            yield str(t_5(l_1_name))
            yield ' '
            yield str(t_5(l_1_version))
            if (not environment.getattr(l_1_loop, 'last')):
                pass
                yield ', '
            t_14 = 0
        l_1_loop = l_1_name = l_1_version = missing
        if t_14:
            pass
            yield 'none used'
        yield '\n'
    yield 'Verdict: '
    yield str(t_8(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'verdict')))
    yield '\n'

blocks = {}
debug_info = '1=84&2=87&7=95&8=97&9=101&13=115&14=118&15=123&18=134&19=136&21=138&22=140&24=144&25=153&28=157&31=190&32=193&33=196&36=200&40=222&41=225&42=227&43=232&47=241&49=244&50=247&51=251&56=272&57=275&58=277&59=280&61=282&62=286&65=289&67=292&68=296&71=299&72=301&74=303&76=306&77=311&80=319&83=335'