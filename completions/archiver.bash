# bash completion for archiver                                  -*- shell-script -*-
# Install: copy to /usr/share/bash-completion/completions/archiver (cmake --install does).

_archiver_feeds_dir() {
    local dir="${ARCHIVER_HOME:-}" i
    for ((i = 1; i < ${#COMP_WORDS[@]}; i++)); do
        case "${COMP_WORDS[i]}" in
            -c|--config) dir="${COMP_WORDS[i+1]}" ;;
            --config=*) dir="${COMP_WORDS[i]#--config=}" ;;
        esac
    done
    if [[ -n "$dir" ]]; then
        printf '%s\n' "$dir/feeds.d"
    else
        printf '%s\n' "${XDG_CONFIG_HOME:-$HOME/.config}/archiver/feeds.d"
    fi
}

_archiver_sources() {
    local dir f
    dir=$(_archiver_feeds_dir)
    for f in "$dir"/*.toml; do
        [[ -e "$f" ]] && basename "$f" .toml
    done
}

_archiver() {
    local cur prev words cword
    _init_completion || return

    local commands="run fetch extract parse-feed sources list show search stats export import reindex help"
    local global="-c --config -v --verbose -q --quiet --log-format --version -h --help"
    local cmd="" i
    for ((i = 1; i < cword; i++)); do
        case "${words[i]}" in
            -c|--config|--log-format) ((i++)) ;;
            -*) ;;
            *) cmd="${words[i]}"; break ;;
        esac
    done

    case "$prev" in
        -c|--config) _filedir -d; return ;;
        -o|--output) _filedir; return ;;
        --from) _filedir; return ;;
        --log-format) COMPREPLY=($(compgen -W "text json" -- "$cur")); return ;;
        --format)
            case "$cmd" in
                extract) COMPREPLY=($(compgen -W "markdown json text" -- "$cur")) ;;
                parse-feed) COMPREPLY=($(compgen -W "json tsv" -- "$cur")) ;;
                export) COMPREPLY=($(compgen -W "jsonl csv atom opml hugo" -- "$cur")) ;;
                *) COMPREPLY=($(compgen -W "table tsv json" -- "$cur")) ;;
            esac
            return ;;
        --source) COMPREPLY=($(compgen -W "$(_archiver_sources)" -- "$cur")); return ;;
    esac

    if [[ -z "$cmd" ]]; then
        COMPREPLY=($(compgen -W "$commands $global" -- "$cur"))
        return
    fi

    local sub="${words[i+1]}"
    case "$cmd" in
        run)
            if [[ "$cur" == -* ]]; then
                COMPREPLY=($(compgen -W "-j --jobs -f --force -n --dry-run --json --max-time --wait -h --help" -- "$cur"))
            else
                COMPREPLY=($(compgen -W "$(_archiver_sources)" -- "$cur"))
            fi ;;
        fetch) COMPREPLY=($(compgen -W "--json -n --dry-run --wait -h --help -" -- "$cur")) ;;
        extract|parse-feed)
            if [[ "$cur" == -* ]]; then
                local opts="--url --content-type --format -h --help"
                [[ "$cmd" == extract ]] && opts+=" --source --now" || opts+=" --tz"
                COMPREPLY=($(compgen -W "$opts" -- "$cur"))
            else
                _filedir
            fi ;;
        sources)
            if ((cword == i + 1)); then
                COMPREPLY=($(compgen -W "list show check add" -- "$cur"))
            elif [[ "$cur" == -* ]]; then
                case "$sub" in
                    check) COMPREPLY=($(compgen -W "--from --article --items --now -h --help" -- "$cur")) ;;
                    add) COMPREPLY=($(compgen -W "--name --force -h --help" -- "$cur")) ;;
                    *) COMPREPLY=($(compgen -W "-h --help" -- "$cur")) ;;
                esac
            elif [[ "$sub" == show || "$sub" == check ]]; then
                COMPREPLY=($(compgen -W "$(_archiver_sources)" -- "$cur"))
            fi ;;
        list)
            COMPREPLY=($(compgen -W "--source --since --until --format --text -n --limit --oldest-first -h --help" -- "$cur")) ;;
        search)
            COMPREPLY=($(compgen -W "--source --since --until --format -n --limit -h --help" -- "$cur")) ;;
        show|stats) COMPREPLY=($(compgen -W "--format -h --help" -- "$cur")) ;;
        export)
            COMPREPLY=($(compgen -W "--format -o --output --source --since --until -h --help" -- "$cur")) ;;
        import)
            if ((cword == i + 1)); then
                COMPREPLY=($(compgen -W "opml" -- "$cur"))
            else
                _filedir opml
            fi ;;
        reindex) COMPREPLY=($(compgen -W "-h --help" -- "$cur")) ;;
        help) ((cword == i + 1)) && COMPREPLY=($(compgen -W "$commands" -- "$cur")) ;;
    esac
}
complete -F _archiver archiver
